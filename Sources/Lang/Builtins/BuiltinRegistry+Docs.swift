import Foundation

/// The builtin reference generated from the registry, for docs/language.md.
extension BuiltinRegistry {
    /// The first line of the generated part of docs/language.md.
    public static let docsBeginMarker = "<!-- BEGIN GENERATED BUILTINS: do not edit; regenerate with SWIFT_NN_REGENERATE_DOCS=1 swift test --filter DocsTests -->"
    /// The last line of the generated part of docs/language.md.
    public static let docsEndMarker = "<!-- END GENERATED BUILTINS -->"

    /// Markdown tables of every group's builtins and members: signature and summary, in
    /// registration order (a later group's same-named builtin replaces the earlier one).
    /// - Returns: the markdown, between the begin and end markers.
    public func referenceMarkdown() -> String {
        var lines = [BuiltinRegistry.docsBeginMarker, ""]
        for group in groups {
            let current = group.builtins.filter { builtins[$0.name] === $0 }
            let ownMembers = group.members.filter { member in
                guard let registered = members[member.owner]?[member.name] else { return false }
                return registered.signature == member.signature && registered.summary == member.summary
            }
            if current.isEmpty && ownMembers.isEmpty { continue }
            lines.append("### \(group.title)")
            lines.append("")
            if !current.isEmpty {
                lines.append("| builtin | what it does |")
                lines.append("|---|---|")
                for builtin in current {
                    lines.append("| `\(escape(builtin.signature))` | \(escape(builtin.summary)) |")
                }
                lines.append("")
            }
            var owners: [String] = []
            for member in ownMembers where !owners.contains(member.owner) { owners.append(member.owner) }
            for owner in owners {
                lines.append("Members of **\(owner)** values:")
                lines.append("")
                lines.append("| member | what it does |")
                lines.append("|---|---|")
                for member in ownMembers where member.owner == owner {
                    var text = member.signature
                    if case .property(_, let setter) = member.kind, setter != nil { text += " (assignable)" }
                    lines.append("| `\(escape(text))` | \(escape(member.summary)) |")
                }
                lines.append("")
            }
        }
        lines.append(BuiltinRegistry.docsEndMarker)
        return lines.joined(separator: "\n")
    }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}

import Foundation
import Testing
@testable import Lang

/// docs/language.md carries the builtin tables generated from the registry. With
/// SWIFT_NN_REGENERATE_DOCS=1 this test rewrites them; otherwise it checks they are current.
@Suite struct DocsTests {
    static let docsURL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/language.md")

    @Test func generatedBuiltinTablesAreCurrent() throws {
        let generated = BuiltinRegistry().referenceMarkdown()
        let text = try String(contentsOf: Self.docsURL, encoding: .utf8)
        guard let begin = text.range(of: BuiltinRegistry.docsBeginMarker),
              let end = text.range(of: BuiltinRegistry.docsEndMarker) else {
            Issue.record("docs/language.md lacks the generated-builtins markers")
            return
        }
        let current = String(text[begin.lowerBound..<end.upperBound])
        if ProcessInfo.processInfo.environment["SWIFT_NN_REGENERATE_DOCS"] == "1" {
            try text.replacingCharacters(in: begin.lowerBound..<end.upperBound, with: generated)
                .write(to: Self.docsURL, atomically: true, encoding: .utf8)
            return
        }
        #expect(current == generated, "run SWIFT_NN_REGENERATE_DOCS=1 swift test --filter DocsTests")
    }

    @Test func referenceListsCoreBuiltinsAndMembers() {
        let markdown = BuiltinRegistry(groups: [CoreBuiltins.group, CollectionBuiltins.group]).referenceMarkdown()
        #expect(markdown.contains("| `print(values..., sep=\" \", end=\"\\n\")` | Write the values to standard output, separated by sep and followed by end. |"))
        #expect(markdown.contains("Members of **list** values:"))
        #expect(markdown.contains("| `list.append(item)` | Add an item at the end of the list. |"))
    }

    @Test func everyBuiltinHasASummaryAndNoDuplicateParameters() {
        let registry = BuiltinRegistry()
        for builtin in registry.builtins.values {
            #expect(!builtin.summary.isEmpty, "\(builtin.name) has no summary")
            #expect(Set(builtin.parameters.map(\.name)).count == builtin.parameters.count, "\(builtin.name) repeats a parameter")
        }
    }
}

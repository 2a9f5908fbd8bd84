/// A named group of builtins and members, declared in one file
/// `Sources/Lang/Builtins/<Group>Builtins.swift` and listed in `BuiltinGroups.swift`.
public struct BuiltinGroup {
    /// The group's title, used as a section of the docs (`Tensors`, `Autograd`...).
    public var title: String
    /// The plain builtins.
    public var builtins: [Builtin]
    /// Members of value kinds (`tensor.sum`, `module.parameters`...).
    public var members: [Member]

    /// Creates a group.
    /// - Parameters:
    ///   - title: the docs section title.
    ///   - builtins: the plain builtins.
    ///   - members: members of value kinds.
    public init(title: String, builtins: [Builtin] = [], members: [Member] = []) {
        self.title = title
        self.builtins = builtins
        self.members = members
    }
}

/// The one registry of builtins and members. Dispatch, `help`, `?name`, completion, inspect
/// and the generated docs all read it.
///
/// A name declared by a later group replaces the same name from an earlier group (so an
/// engine group may take over a core builtin; it must then handle numbers too).
public final class BuiltinRegistry {
    /// The groups, in the order of `BuiltinGroups.swift`.
    public let groups: [BuiltinGroup]
    /// Every plain builtin by name.
    public private(set) var builtins: [String: Builtin] = [:]
    /// Members by kind, then by name.
    public private(set) var members: [String: [String: Member]] = [:]

    /// Builds the registry from groups.
    /// - Parameter groups: the groups; the default is every group of `BuiltinGroups.swift`.
    public init(groups: [BuiltinGroup] = BuiltinRegistry.allGroups) {
        self.groups = groups
        for group in groups {
            for builtin in group.builtins { builtins[builtin.name] = builtin }
            for member in group.members { members[member.owner, default: [:]][member.name] = member }
        }
    }

    /// The builtin named `name`.
    /// - Parameter name: the name.
    /// - Returns: the builtin, or nil.
    public func builtin(named name: String) -> Builtin? { builtins[name] }

    /// The member `name` of values of kind `owner`.
    /// - Parameters:
    ///   - owner: the kind (`Value.typeName`).
    ///   - name: the member name.
    /// - Returns: the member, or nil.
    public func member(of owner: String, named name: String) -> Member? { members[owner]?[name] }

    /// The member names of a kind, sorted.
    /// - Parameter owner: the kind.
    /// - Returns: the names.
    public func memberNames(of owner: String) -> [String] {
        (members[owner].map { Array($0.keys) } ?? []).sorted()
    }

    /// Every plain builtin name, sorted.
    public var builtinNames: [String] { builtins.keys.sorted() }
}

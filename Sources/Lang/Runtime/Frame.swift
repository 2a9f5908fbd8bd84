/// How a statement ended.
enum Flow {
    /// Go on with the next statement.
    case next
    /// A `break` is leaving the innermost loop.
    case breakLoop
    /// A `continue` is going to the next iteration.
    case continueLoop
    /// A `return` is leaving the function (its value is in `Frame.result`).
    case returned
}

/// The session's global variables: one slot per name ever used at top level. Builtins are
/// pre-assigned, so a user definition shadows a builtin of the same name.
final class Globals {
    /// Slot index by name.
    private(set) var indexByName: [String: Int] = [:]
    /// Names by slot index.
    private(set) var names: [String] = []
    private let storage = GlobalSlots()

    /// The slot for `name`, created (undefined) if needed.
    /// - Parameter name: the name.
    /// - Returns: the slot index.
    func slot(for name: String) -> Int {
        if let index = indexByName[name] { return index }
        let index = storage.append()
        indexByName[name] = index
        names.append(name)
        return index
    }

    /// The storage cell of `name` (created if needed), for compiled code. The cell stays valid
    /// while this object lives; compiled code captures both.
    func ref(for name: String) -> SlotRef { storage.ref(slot(for: name)) }

    /// The value of `name`, if defined.
    subscript(name: String) -> Value? {
        get { indexByName[name].flatMap { storage.ref($0).value } }
        set { storage.ref(slot(for: name)).value = newValue }
    }

    /// The names that currently have a value.
    var definedNames: [String] {
        names.indices.compactMap { storage.ref($0).value == nil ? nil : names[$0] }
    }

    /// Undefines every variable (slots stay, so compiled code keeps working).
    func clear() {
        for index in names.indices { storage.ref(index).value = nil }
    }
}

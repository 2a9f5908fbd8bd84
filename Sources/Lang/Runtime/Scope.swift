/// A compile-time function scope: which names are locals of the function being compiled
/// and their slots. Top-level code has no scope (its names are globals).
final class Scope {
    /// The enclosing function's scope, nil when the enclosing level is the global one.
    let parent: Scope?
    /// Slot by local name.
    private(set) var slots: [String: Int] = [:]
    /// Local names in slot order.
    private(set) var names: [String] = []
    /// How many loops enclose the code being compiled (for `break`/`continue` checks).
    var loopDepth = 0

    /// Creates a scope.
    /// - Parameter parent: the enclosing function scope.
    init(parent: Scope?) {
        self.parent = parent
    }

    /// Declares a local (idempotent).
    /// - Parameter name: the local's name.
    /// - Returns: its slot.
    @discardableResult
    func declare(_ name: String) -> Int {
        if let slot = slots[name] { return slot }
        let slot = names.count
        slots[name] = slot
        names.append(name)
        return slot
    }

    /// Where a name lives, seen from this scope.
    enum Resolution {
        /// A local of the function `depth` levels up (0 is this function).
        case local(depth: Int, slot: Int)
        /// A global.
        case global
    }

    /// Resolves a name: locals of this function, then of enclosing functions, then global.
    /// - Parameter name: the name.
    /// - Returns: where it lives.
    func resolve(_ name: String) -> Resolution {
        var scope: Scope? = self
        var depth = 0
        while let current = scope {
            if let slot = current.slots[name] { return .local(depth: depth, slot: slot) }
            scope = current.parent
            depth += 1
        }
        return .global
    }

    /// Every local name visible from here (for "did you mean" hints).
    var visibleNames: [String] {
        var result: [String] = []
        var scope: Scope? = self
        while let current = scope {
            result.append(contentsOf: current.names)
            scope = current.parent
        }
        return result
    }

    /// The names a function body assigns (its locals besides the parameters): assignment and
    /// destructuring targets, loop variables and named function declarations, not looking
    /// inside nested functions.
    /// - Parameter statements: the body.
    /// - Returns: the names, in order of first appearance.
    static func assignedNames(in statements: [Statement]) -> [String] {
        var names: [String] = []
        var seen: Set<String> = []
        func add(_ name: String) {
            if seen.insert(name).inserted { names.append(name) }
        }
        func visit(_ statements: [Statement]) {
            for statement in statements { visit(statement) }
        }
        func visit(_ statement: Statement) {
            switch statement.kind {
            case .assignment(let target, _), .compoundAssignment(let target, _, _):
                switch target {
                case .name(let identifier): add(identifier.name)
                case .destructure(let identifiers): identifiers.forEach { add($0.name) }
                case .index, .member: break
                }
            case .function(let literal):
                if let name = literal.name { add(name.name) }
            case .conditional(let conditional):
                conditional.branches.forEach { visit($0.body.statements) }
                if let block = conditional.elseBlock { visit(block.statements) }
            case .forIn(let loop):
                loop.variables.forEach { add($0.name) }
                visit(loop.body.statements)
            case .whileLoop(_, let body), .noGrad(let body):
                visit(body.statements)
            case .magic(let magic):
                if let body = magic.body { visit(body) }
            case .expression, .returnValue, .breakLoop, .continueLoop, .assert, .help:
                break
            }
        }
        visit(statements)
        return names
    }
}

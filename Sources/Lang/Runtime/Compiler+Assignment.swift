extension Compiler {
    /// Compiles `target = value`.
    func compileAssignment(_ target: AssignmentTarget, _ value: Expr, span: SourceSpan) throws -> Exec {
        let eval = try compileExpr(value)
        let place = place(span)
        let context = interpreter.context
        switch target {
        case .name(let identifier):
            let store = storeName(identifier.name)
            return { frame in store(frame, try eval(frame)); return .next }
        case .destructure(let identifiers):
            let stores = identifiers.map { StoreBox(storeName($0.name)) }
            return { frame in
                let items = try Compiler.locating(place) {
                    try Compiler.unpack(try eval(frame), count: stores.count, context: context)
                }
                for (store, item) in zip(stores, items) { store.run(frame, item) }
                return .next
            }
        case .index(let receiver, let items):
            let receiverEval = try compileExpr(receiver)
            let itemsEval = try compileIndexItems(items)
            return { frame in
                let container = try receiverEval(frame)
                let index = try itemsEval(frame)
                let newValue = try eval(frame)
                try Compiler.locating(place) { try Indexing.assign(container, index, newValue, context: context) }
                return .next
            }
        case .member(let receiver, let name):
            let receiverEval = try compileExpr(receiver)
            let memberName = name.name
            return { frame in
                let object = try receiverEval(frame)
                let newValue = try eval(frame)
                try Compiler.locating(place) { try Members.set(object, memberName, newValue, context: context) }
                return .next
            }
        }
    }

    /// Compiles `target op= value`. Under `no_grad`, a tensor target is updated in place (so a
    /// parameter stays the same parameter); otherwise the target is rebound to `target op value`.
    func compileCompoundAssignment(_ target: AssignmentTarget, _ op: BinaryOperator, _ value: Expr, span: SourceSpan) throws -> Exec {
        let eval = try compileExpr(value)
        let place = place(span)
        let context = interpreter.context
        let combine: (Value, Value) throws -> Value = { old, rhs in
            try Compiler.locating(place) { try Compiler.combine(old, op, rhs, context: context) }
        }
        switch target {
        case .name(let identifier):
            if scope == nil {
                let globals = interpreter.globals
                let ref = globals.ref(for: identifier.name)
                let load = loadName(identifier.name, span: identifier.span)
                return { frame in
                    let rhs = try eval(frame)
                    if case .number(let x)? = ref.value, case .number(let y) = rhs {
                        switch op {
                        case .add: ref.value = .number(x + y); return .next
                        case .subtract: ref.value = .number(x - y); return .next
                        case .multiply: ref.value = .number(x * y); return .next
                        default: break
                        }
                    }
                    ref.value = try combine(try load(frame), rhs)
                    withExtendedLifetime(globals) {}
                    return .next
                }
            }
            let load = loadName(identifier.name, span: identifier.span)
            let store = storeName(identifier.name)
            return { frame in
                let old = try load(frame)
                let rhs = try eval(frame)
                if case .number(let x) = old, case .number(let y) = rhs {
                    switch op {
                    case .add: store(frame, .number(x + y)); return .next
                    case .subtract: store(frame, .number(x - y)); return .next
                    case .multiply: store(frame, .number(x * y)); return .next
                    default: break
                    }
                }
                store(frame, try combine(old, rhs))
                return .next
            }
        case .destructure:
            throw syntaxError("'\(op.symbol)=' cannot assign to several names at once", at: span)
        case .index(let receiver, let items):
            let receiverEval = try compileExpr(receiver)
            let itemsEval = try compileIndexItems(items)
            return { frame in
                let container = try receiverEval(frame)
                let index = try itemsEval(frame)
                let rhs = try eval(frame)
                try Compiler.locating(place) {
                    let old = try Indexing.read(container, index, context: context)
                    let new = try Operators.binary(op, old, rhs, context: context)
                    try Indexing.assign(container, index, new, context: context)
                }
                return .next
            }
        case .member(let receiver, let name):
            let receiverEval = try compileExpr(receiver)
            let memberName = name.name
            return { frame in
                let object = try receiverEval(frame)
                let rhs = try eval(frame)
                try Compiler.locating(place) {
                    let old = try Members.get(object, memberName, context: context)
                    try Members.set(object, memberName, try Compiler.combine(old, op, rhs, context: context), context: context)
                }
                return .next
            }
        }
    }

    /// `old op rhs` for a compound assignment: in place for tensors under no-grad.
    static func combine(_ old: Value, _ op: BinaryOperator, _ rhs: Value, context: BuiltinContext) throws -> Value {
        if !context.gradEnabled, case .tensor(let variable) = old, let other = rhs.asVariable() {
            try TensorOperators.updateInPlace(variable, op, other, context: context)
            return old
        }
        return try Operators.binary(op, old, rhs, context: context)
    }

    /// The items of `value` for `a, b = value`, checking the count.
    static func unpack(_ value: Value, count: Int, context: BuiltinContext) throws -> [Value] {
        let items = try Iteration.items(of: value, context: context)
        guard items.count == count else {
            throw LangError.valueError(
                "cannot unpack \(items.count) value\(items.count == 1 ? "" : "s") into \(count) names")
        }
        return items
    }
}

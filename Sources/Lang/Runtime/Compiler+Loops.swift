extension Compiler {
    /// Compiles `for x in e { }` and `for i, x in e { }`. Ranges run without building a list;
    /// lists are iterated over a snapshot of their items.
    func compileFor(_ loop: ForLoop, span: SourceSpan) throws -> Exec {
        let iterable = try compileExpr(loop.iterable)
        let stores = loop.variables.map { StoreBox(storeName($0.name)) }
        let body = try compileLoopBody(loop.body)
        let context = interpreter.context
        let flag = context.interruptFlag
        let place = place(loop.iterable.span)
        let interrupted = { LangError(.interrupted, "the cell was interrupted").located(place) }
        if loop.variables.count == 1 {
            let store = storeName(loop.variables[0].name)
            return { frame in
                let value = try iterable(frame)
                if case .range(let range) = value {
                    let count = range.count
                    var index = 0
                    while index < count {
                        if flag.isSet { throw interrupted() }
                        store(frame, .number(range.element(at: index)))
                        switch try body(frame) {
                        case .next, .continueLoop: break
                        case .breakLoop: return .next
                        case .returned: return .returned
                        }
                        index += 1
                    }
                    return .next
                }
                let items = try Compiler.locating(place) { try Compiler.iterationItems(value, context: context) }
                for item in items {
                    if flag.isSet { throw interrupted() }
                    store(frame, item)
                    switch try body(frame) {
                    case .next, .continueLoop: break
                    case .breakLoop: return .next
                    case .returned: return .returned
                    }
                }
                return .next
            }
        }
        return { frame in
            let items = try Compiler.locating(place) { try Compiler.iterationItems(try iterable(frame), context: context) }
            for item in items {
                if flag.isSet { throw interrupted() }
                let parts = try Compiler.locating(place) { try Compiler.unpack(item, count: stores.count, context: context) }
                for (store, part) in zip(stores, parts) { store.run(frame, part) }
                switch try body(frame) {
                case .next, .continueLoop: break
                case .breakLoop: return .next
                case .returned: return .returned
                }
            }
            return .next
        }
    }

    /// The items a `for` loop visits.
    static func iterationItems(_ value: Value, context: BuiltinContext) throws -> [Value] {
        switch value {
        case .list, .range, .tensor, .record, .string:
            return try Iteration.items(of: value, context: context)
        default:
            throw LangError.typeError(
                "cannot loop over a \(value.typeName): a for loop takes a list, tensor, range, record or string")
        }
    }

    /// Compiles `while cond { }`, checking the interrupt flag at each back-edge.
    func compileWhile(_ condition: Expr, _ block: Block) throws -> Exec {
        let test = try compileCondition(condition)
        let body = try compileLoopBody(block)
        let flag = interpreter.context.interruptFlag
        let place = place(condition.span)
        return { frame in
            while try test(frame) {
                if flag.isSet { throw LangError(.interrupted, "the cell was interrupted").located(place) }
                switch try body(frame) {
                case .next, .continueLoop: break
                case .breakLoop: return .next
                case .returned: return .returned
                }
            }
            return .next
        }
    }

    /// Compiles a function literal to an evaluator that makes the closure (capturing the
    /// current frame when inside a function).
    func compileFunction(_ literal: FunctionLiteral) throws -> Eval {
        let name = literal.name?.name ?? "<fn>"
        let parameterNames = literal.parameters.map(\.name.name)
        var seen: Set<String> = []
        for parameter in literal.parameters where !seen.insert(parameter.name.name).inserted {
            throw syntaxError("duplicate parameter '\(parameter.name.name)' in function \(name)", at: parameter.name.span)
        }
        // Defaults are evaluated at each call in the defining scope.
        let defaults = try literal.parameters.map { parameter in
            try parameter.defaultValue.map { EvalBox(try compileExpr($0)) }
        }
        let requiredCount = literal.parameters.prefix { $0.defaultValue == nil }.count
        let signature = name + "(" + literal.parameters.map { parameter in
            guard let value = parameter.defaultValue else { return parameter.name.name }
            return parameter.name.name + "=" + (sourceText(of: value.span) ?? "…")
        }.joined(separator: ", ") + ")"

        let functionScope = Scope(parent: scope)
        for parameter in parameterNames { functionScope.declare(parameter) }
        let statements: [Statement]
        switch literal.body {
        case .block(let block): statements = block.statements
        case .expression(let expr): statements = [Statement(.expression(expr), span: expr.span)]
        }
        for local in Scope.assignedNames(in: statements) { functionScope.declare(local) }

        let savedScope = scope, savedLoops = topLoopDepth, savedConditional = inConditionalExpression
        scope = functionScope
        inConditionalExpression = false
        defer {
            scope = savedScope
            topLoopDepth = savedLoops
            inConditionalExpression = savedConditional
        }
        let body = try compileBlock(statements, valued: true)
        let slotCount = functionScope.names.count
        let place = place(literal.span)
        let isNested = savedScope != nil
        let topFrame = interpreter.topFrame
        return { frame in
            .function(LangFunction(
                name: name, parameterNames: parameterNames, signature: signature, requiredCount: requiredCount,
                defaults: defaults, slotCount: slotCount, body: body,
                definingFrame: isNested ? frame : nil, defaultsFrame: isNested ? frame : topFrame, place: place))
        }
    }
}

extension Compiler {
    /// Compiles an expression.
    func compileExpr(_ expr: Expr) throws -> Eval {
        switch expr.kind {
        case .number(let number):
            let value = Value.number(number)
            return { _ in value }
        case .string(let text):
            let value = Value.string(text)
            return { _ in value }
        case .bool(let flag):
            let value = Value.bool(flag)
            return { _ in value }
        case .none:
            return { _ in .none }
        case .name(let name):
            return loadName(name, span: expr.span)
        case .list(let items):
            return try compileListLiteral(items, span: expr.span)
        case .tuple(let items):
            let evals = try items.map { EvalBox(try compileExpr($0)) }
            return { frame in
                var values: [Value] = []
                values.reserveCapacity(evals.count)
                for eval in evals { values.append(try eval.run(frame)) }
                return .list(LangList(values))
            }
        case .record(let fields):
            let names = fields.map(\.name.name)
            let evals = try fields.map { EvalBox(try compileExpr($0.value)) }
            return { frame in
                var pairs: [(String, Value)] = []
                pairs.reserveCapacity(evals.count)
                for (name, eval) in zip(names, evals) { pairs.append((name, try eval.run(frame))) }
                return .record(LangRecord(pairs))
            }
        case .unary(let op, let operand):
            return try compileUnary(op, operand, span: expr.span)
        case .binary(let op, let lhs, let rhs):
            return try compileBinary(op, lhs, rhs, span: expr.span)
        case .call(let call):
            return try compileCall(call, span: expr.span)
        case .index(let target, let items):
            let targetEval = try compileExpr(target)
            let itemsEval = try compileIndexItems(items)
            let context = interpreter.context
            let place = place(expr.span)
            return { frame in
                let value = try targetEval(frame)
                let index = try itemsEval(frame)
                do { return try Indexing.read(value, index, context: context) } catch {
                    throw LangError.from(error).located(place)
                }
            }
        case .member(let receiver, let name):
            let receiverEval = try compileExpr(receiver)
            let context = interpreter.context
            let place = place(SourceSpan(start: expr.span.start, end: name.span.end))
            let memberName = name.name
            return { frame in
                let value = try receiverEval(frame)
                do { return try Members.get(value, memberName, context: context) } catch {
                    throw LangError.from(error).located(place)
                }
            }
        case .function(let literal):
            return try compileFunction(literal)
        case .conditional(let conditional):
            let saved = inConditionalExpression
            inConditionalExpression = true
            defer { inConditionalExpression = saved }
            var branches: [BranchBox] = []
            for branch in conditional.branches {
                branches.append(BranchBox(test: try compileCondition(branch.condition),
                                          body: try compileBlock(branch.body.statements, valued: true)))
            }
            let elseBlock: Exec = try conditional.elseBlock.map { block -> Exec in
                try compileBlock(block.statements, valued: true)
            } ?? { frame in frame.result = .none; return .next }
            let elseBox = ExecBox(elseBlock)
            return { frame in
                for branch in branches {
                    if try branch.test(frame) {
                        _ = try branch.body(frame)
                        return frame.result
                    }
                }
                _ = try elseBox.run(frame)
                return frame.result
            }
        }
    }

    // MARK: - Names

    /// Reads a variable: a local slot, an enclosing function's slot, or a global slot.
    func loadName(_ name: String, span: SourceSpan) -> Eval {
        let place = place(span)
        let visible = scope?.visibleNames ?? []
        let globals = interpreter.globals
        switch scope?.resolve(name) ?? .global {
        case .local(let depth, let slot):
            let unbound = {
                LangError(.name, "local variable '\(name)' is used before it is assigned (assigning to '\(name)' in a function makes it local there)")
                    .located(place)
            }
            if depth == 0 {
                return { frame in
                    if let value = frame[slot] { return value }
                    throw unbound()
                }
            }
            return { frame in
                if let value = frame.ancestor(depth)[slot] { return value }
                throw unbound()
            }
        case .global:
            let ref = globals.ref(for: name)
            return { _ in
                if let value = ref.value { return value }
                withExtendedLifetime(globals) {}
                var message = "name '\(name)' is not defined"
                if let suggestion = NameSuggester.suggestion(for: name, among: visible + globals.definedNames) {
                    message += ". Did you mean '\(suggestion)'?"
                }
                throw LangError(.name, message).located(place)
            }
        }
    }

    /// Writes a variable: a local of the function being compiled, or a global at top level.
    func storeName(_ name: String) -> Store {
        if let scope {
            switch scope.resolve(name) {
            case .local(let depth, let slot) where depth == 0:
                return { frame, value in frame[slot] = value }
            default:
                let slot = scope.declare(name)
                return { frame, value in frame[slot] = value }
            }
        }
        let globals = interpreter.globals
        let ref = globals.ref(for: name)
        return { _, value in
            ref.value = value
            withExtendedLifetime(globals) {}
        }
    }

    // MARK: - Literals and operators

    private func compileListLiteral(_ items: [Expr], span: SourceSpan) throws -> Eval {
        if items.isEmpty { return { _ in .list(LangList()) } }
        let evals = try items.map { EvalBox(try compileExpr($0)) }
        let context = interpreter.context
        let place = place(span)
        return { frame in
            var values: [Value] = []
            values.reserveCapacity(evals.count)
            for eval in evals { values.append(try eval.run(frame)) }
            do {
                if let tensor = try TensorLiteral.tensorIfNumeric(values, context: context, keepsParameters: true) { return .tensor(tensor) }
            } catch {
                throw LangError.from(error).located(place)
            }
            return .list(LangList(values))
        }
    }

    private func compileUnary(_ op: UnaryOperator, _ operand: Expr, span: SourceSpan) throws -> Eval {
        let eval = try compileExpr(operand)
        let context = interpreter.context
        let place = place(span)
        switch op {
        case .negate:
            return { frame in
                let value = try eval(frame)
                if case .number(let x) = value { return .number(-x) }
                do { return try Operators.unary(op, value, context: context) } catch {
                    throw LangError.from(error).located(place)
                }
            }
        case .not, .plus:
            return { frame in
                do { return try Operators.unary(op, try eval(frame), context: context) } catch {
                    throw LangError.from(error).located(place)
                }
            }
        }
    }

    private func compileBinary(_ op: BinaryOperator, _ lhs: Expr, _ rhs: Expr, span: SourceSpan) throws -> Eval {
        let left = try compileExpr(lhs)
        let right = try compileExpr(rhs)
        let context = interpreter.context
        let place = place(span)
        let slow: (Value, Value) throws -> Value = { a, b in
            do { return try Operators.binary(op, a, b, context: context) } catch {
                throw LangError.from(error).located(place)
            }
        }
        switch op {
        case .and, .or:
            // `a and b` is b when a is true, else a; `a or b` is a when a is true, else b.
            let leftPlace = self.place(lhs.span)
            let rightWhenLeftIs = op == .and
            return { frame in
                let a = try left(frame)
                return try Compiler.truth(of: a, at: leftPlace) == rightWhenLeftIs ? try right(frame) : a
            }
        case .add:
            return { frame in
                let a = try left(frame), b = try right(frame)
                if case .number(let x) = a, case .number(let y) = b { return .number(x + y) }
                return try slow(a, b)
            }
        case .subtract:
            return { frame in
                let a = try left(frame), b = try right(frame)
                if case .number(let x) = a, case .number(let y) = b { return .number(x - y) }
                return try slow(a, b)
            }
        case .multiply:
            return { frame in
                let a = try left(frame), b = try right(frame)
                if case .number(let x) = a, case .number(let y) = b { return .number(x * y) }
                return try slow(a, b)
            }
        case .less:
            return { frame in
                let a = try left(frame), b = try right(frame)
                if case .number(let x) = a, case .number(let y) = b { return .bool(x < y) }
                return try slow(a, b)
            }
        case .lessEqual:
            return { frame in
                let a = try left(frame), b = try right(frame)
                if case .number(let x) = a, case .number(let y) = b { return .bool(x <= y) }
                return try slow(a, b)
            }
        case .greater:
            return { frame in
                let a = try left(frame), b = try right(frame)
                if case .number(let x) = a, case .number(let y) = b { return .bool(x > y) }
                return try slow(a, b)
            }
        case .greaterEqual:
            return { frame in
                let a = try left(frame), b = try right(frame)
                if case .number(let x) = a, case .number(let y) = b { return .bool(x >= y) }
                return try slow(a, b)
            }
        default:
            return { frame in try slow(try left(frame), try right(frame)) }
        }
    }

    // MARK: - Calls

    private func compileCall(_ call: Call, span: SourceSpan) throws -> Eval {
        let callee = try compileExpr(call.callee)
        let positional = try call.arguments.map { EvalBox(try compileExpr($0)) }
        let names = call.namedArguments.map(\.name.name)
        let named = try call.namedArguments.map { EvalBox(try compileExpr($0.value)) }
        let interpreter = interpreter
        let place = place(span)
        for (index, name) in names.enumerated() where names[..<index].contains(name) {
            throw syntaxError("keyword argument '\(name)' repeated", at: call.namedArguments[index].name.span)
        }
        let count = positional.count
        return { frame in
            let function = try callee(frame)
            if named.isEmpty, case .function(let target) = function, target.parameterNames.count == count {
                // Fast path: arguments go straight into the callee's frame.
                let calleeFrame = Frame.make(slotCount: target.slotCount, parent: target.definingFrame)
                for index in 0..<count { calleeFrame[index] = try positional[index].run(frame) }
                do { return try interpreter.run(target, in: calleeFrame, place: place) } catch {
                    throw LangError.from(error).located(place)
                }
            }
            var arguments: [Value] = []
            arguments.reserveCapacity(positional.count)
            for eval in positional { arguments.append(try eval.run(frame)) }
            var namedArguments: [(String, Value)] = []
            if !named.isEmpty {
                namedArguments.reserveCapacity(named.count)
                for (name, eval) in zip(names, named) { namedArguments.append((name, try eval.run(frame))) }
            }
            do { return try interpreter.call(function, arguments, namedArguments, place: place) } catch {
                throw LangError.from(error).located(place)
            }
        }
    }

    // MARK: - Index items

    /// Compiles index items to an evaluator of `[IndexArgument]`.
    func compileIndexItems(_ items: [IndexItem]) throws -> (Frame) throws -> [IndexArgument] {
        enum Compiled {
            case value(EvalBox)
            case slice(EvalBox?, EvalBox?, EvalBox?, SourcePlace)
        }
        let compiled: [Compiled] = try items.map { item in
            switch item {
            case .expression(let expr): return .value(EvalBox(try compileExpr(expr)))
            case .slice(let slice):
                return .slice(try slice.start.map { EvalBox(try compileExpr($0)) },
                              try slice.stop.map { EvalBox(try compileExpr($0)) },
                              try slice.step.map { EvalBox(try compileExpr($0)) }, place(slice.span))
            }
        }
        return { frame in
            var result: [IndexArgument] = []
            result.reserveCapacity(compiled.count)
            for item in compiled {
                switch item {
                case .value(let eval): result.append(.value(try eval.run(frame)))
                case .slice(let start, let stop, let step, let place):
                    func bound(_ eval: EvalBox?, _ part: String) throws -> Int? {
                        guard let eval else { return nil }
                        let value = try eval.run(frame)
                        if value.isNone { return nil }
                        guard let number = value.asNumber, let integer = Value.exactInteger(number) else {
                            throw LangError.typeError("slice \(part) must be a whole number, not \(value.typeName)").located(place)
                        }
                        return integer
                    }
                    let stepValue = try bound(step, "step")
                    if stepValue == 0 { throw LangError.valueError("slice step cannot be zero").located(place) }
                    result.append(.slice(start: try bound(start, "start"), stop: try bound(stop, "stop"), step: stepValue))
                }
            }
            return result
        }
    }
}

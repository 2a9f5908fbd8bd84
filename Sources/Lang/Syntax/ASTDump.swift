// A compact S-expression form of the syntax tree, for tests and debugging:
// `x = -a^2 + f(1, lr=0.1)` dumps as `(= x (+ (- (^ a 2)) (call f 1 (lr= 0.1))))`.

extension Expr: CustomDebugStringConvertible {
    /// The expression as an S-expression, e.g. `(+ 1 (* 2 x))`.
    public var debugDescription: String { ASTDump.expression(self) }
}

extension Statement: CustomDebugStringConvertible {
    /// The statement as an S-expression, e.g. `(= x 3)`.
    public var debugDescription: String { ASTDump.statement(self) }
}

extension Block: CustomDebugStringConvertible {
    /// The block as `(block s1 s2 ...)`.
    public var debugDescription: String { ASTDump.block(self) }
}

extension Program: CustomDebugStringConvertible {
    /// One statement per line; a final line `;` when display is suppressed.
    public var debugDescription: String {
        let lines = statements.map(ASTDump.statement)
        return (lines + (suppressesDisplay ? [";"] : [])).joined(separator: "\n")
    }
}

/// The S-expression printer behind the `debugDescription`s.
enum ASTDump {
    static func list(_ head: String, _ parts: [String]) -> String {
        "(" + ([head] + parts).joined(separator: " ") + ")"
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for c in text.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }

    static func optional(_ e: Expr?) -> String { e.map(expression) ?? "_" }

    static func expression(_ e: Expr) -> String {
        switch e.kind {
        case .number(let v): return NumberFormatting.text(v)
        case .string(let s): return quoted(s)
        case .bool(let b): return b ? "true" : "false"
        case .none: return "none"
        case .name(let n): return n
        case .list(let items): return list("list", items.map(expression))
        case .tuple(let items): return list("tuple", items.map(expression))
        case .record(let fields):
            return list("record", fields.map { "(\($0.name.name) \(expression($0.value)))" })
        case .unary(let op, let x): return list(op.symbol, [expression(x)])
        case .binary(let op, let a, let b): return list(op.symbol, [expression(a), expression(b)])
        case .call(let call):
            let named = call.namedArguments.map { "(\($0.name.name)= \(expression($0.value)))" }
            return list("call", [expression(call.callee)] + call.arguments.map(expression) + named)
        case .index(let target, let items): return list("index", [expression(target)] + items.map(indexItem))
        case .member(let target, let name): return list(".", [expression(target), name.name])
        case .function(let f): return function(f)
        case .conditional(let c): return conditional(c)
        }
    }

    static func indexItem(_ item: IndexItem) -> String {
        switch item {
        case .expression(let e): return expression(e)
        case .slice(let s): return list("slice", [optional(s.start), optional(s.stop), optional(s.step)])
        }
    }

    static func function(_ f: FunctionLiteral) -> String {
        let parameters = f.parameters.map { p in
            p.defaultValue.map { "(\(p.name.name) \(expression($0)))" } ?? p.name.name
        }
        let body: String
        switch f.body {
        case .block(let b): body = block(b)
        case .expression(let e): body = expression(e)
        }
        return list("fn", [f.name?.name ?? "_", "(" + parameters.joined(separator: " ") + ")", body])
    }

    static func conditional(_ c: Conditional) -> String {
        var parts: [String] = []
        for branch in c.branches {
            parts.append(expression(branch.condition))
            parts.append(block(branch.body))
        }
        if let e = c.elseBlock { parts.append(list("else", [block(e)])) }
        return list("if", parts)
    }

    static func block(_ b: Block) -> String { list("block", b.statements.map(statement)) }

    static func target(_ t: AssignmentTarget) -> String {
        switch t {
        case .name(let n): return n.name
        case .destructure(let names): return "(" + names.map(\.name).joined(separator: " ") + ")"
        case .index(let e, let items): return list("index", [expression(e)] + items.map(indexItem))
        case .member(let e, let n): return list(".", [expression(e), n.name])
        }
    }

    static func statement(_ s: Statement) -> String {
        switch s.kind {
        case .expression(let e): return expression(e)
        case .assignment(let t, let v): return list("=", [target(t), expression(v)])
        case .compoundAssignment(let t, let op, let v): return list(op.symbol + "=", [target(t), expression(v)])
        case .function(let f): return function(f)
        case .returnValue(let v): return list("return", v.map { [expression($0)] } ?? [])
        case .conditional(let c): return conditional(c)
        case .forIn(let loop):
            let vars = loop.variables.count == 1 ? loop.variables[0].name
                : "(" + loop.variables.map(\.name).joined(separator: " ") + ")"
            return list("for", [vars, expression(loop.iterable), block(loop.body)])
        case .whileLoop(let c, let body): return list("while", [expression(c), block(body)])
        case .breakLoop: return "(break)"
        case .continueLoop: return "(continue)"
        case .assert(let c, let m): return list("assert", [expression(c)] + (m.map { [expression($0)] } ?? []))
        case .noGrad(let b): return list("no_grad", [block(b)])
        case .magic(let m):
            return list("%" + m.name.name, [quoted(m.argument)] + (m.body?.map(statement) ?? []))
        case .help(let h): return list(h.detailLevel == 1 ? "?" : "??", [h.text])
        }
    }
}

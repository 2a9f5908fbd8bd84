import Testing
import Lang

/// Programs and the S-expression dump of their syntax tree (see ASTDump.swift for the form).
struct SyntaxParserTests {
    static let cases: [(id: String, source: String, dump: String)] = [
        // Literals and names
        ("number", "3", "3"),
        ("float", "2.5e-1", "0.25"),
        ("string", "'a\\nb'", "\"a\\nb\""),
        ("bool none", "[true, false, none]", "(list true false none)"),
        ("empty list", "[]", "(list)"),
        ("nested list", "[[1, 2], [3, 4]]", "(list (list 1 2) (list 3 4))"),
        ("trailing comma", "[1, 2,]", "(list 1 2)"),
        ("record", "{lr: 0.1, name: \"sgd\"}", "(record (lr 0.1) (name \"sgd\"))"),
        ("record string keys", "{\"a\": 1}", "(record (a 1))"),
        ("empty record", "{}", "(record)"),
        ("tuple in parens", "(1, x)", "(tuple 1 x)"),
        ("parens", "(1)", "1"),
        // Precedence (LANGUAGE.md §3)
        ("sum product", "1 + 2 * 3", "(+ 1 (* 2 3))"),
        ("left assoc", "a - b - c", "(- (- a b) c)"),
        ("power right assoc", "a ^ b ** c", "(^ a (^ b c))"),
        ("minus power", "-x^2", "(- (^ x 2))"),
        ("negative literal", "[-1, 2.5]", "(list -1 2.5)"),
        ("negative literal power", "-2^2", "(- (^ 2 2))"),
        ("minus minus literal", "- -3", "3"),
        ("power of negative exponent", "2^-1", "(^ 2 -1)"),
        ("matmul", "X @ w + b", "(+ (@ X w) b)"),
        ("remainder", "a % b * c", "(* (% a b) c)"),
        ("comparison", "a + 1 < b * 2", "(< (+ a 1) (* b 2))"),
        ("and or", "a or b and c", "(or a (and b c))"),
        ("not below comparison", "not a == b", "(not (== a b))"),
        ("not and", "not a and not b", "(and (not a) (not b))"),
        ("unary plus", "+x", "(+ x)"),
        ("double minus", "--x", "(- (- x))"),
        ("minus minus infix", "a -- b", "(- a (- b))"),
        // Postfix
        ("call", "f(x, lr=0.1)", "(call f x (lr= 0.1))"),
        ("call chain", "grad(h)(2)", "(call (call grad h) 2)"),
        ("member call", "model.parameters()", "(call (. model parameters))"),
        ("index", "t[0, -1]", "(index t 0 -1)"),
        ("slices", "t[1:3, :, ::2, :-1, 1:]",
         "(index t (slice 1 3 _) (slice _ _ _) (slice _ _ 2) (slice _ -1 _) (slice 1 _ _))"),
        ("mask", "t[t > 0]", "(index t (> t 0))"),
        ("record index", "r[\"name\"]", "(index r \"name\")"),
        ("postfix binds tighter than power", "a.b^2", "(^ (. a b) 2)"),
        // Functions and if expressions
        ("anonymous one-line", "fn(x) = x^2", "(fn _ (x) (^ x 2))"),
        ("anonymous block", "fn(x, y) { x + y }", "(fn _ (x y) (block (+ x y)))"),
        ("anonymous as argument", "map(fn(x) = x + 1, xs)", "(call map (fn _ (x) (+ x 1)) xs)"),
        ("grad of lambda", "grad(fn(x) = x^2)(3)", "(call (call grad (fn _ (x) (^ x 2))) 3)"),
        ("if expression", "v = if c { 1 } else { 2 }", "(= v (if c (block 1) (else (block 2))))"),
        // Statements
        ("assignment", "x = 1", "(= x 1)"),
        ("destructuring", "a, b = f()", "(= (a b) (call f))"),
        ("swap", "a, b = b, a", "(= (a b) (tuple b a))"),
        ("index assignment", "t[i, j] = 0", "(= (index t i j) 0)"),
        ("member assignment", "r.name = 1", "(= (. r name) 1)"),
        ("compound", "x += 1; x -= 2; x *= 3; x /= 4", "(+= x 1)\n(-= x 2)\n(*= x 3)\n(/= x 4)"),
        ("compound on index", "w[0] -= lr * g", "(-= (index w 0) (* lr g))"),
        ("fn one line", "fn h(x) = (2 * (x + 1))^2", "(fn h (x) (^ (* 2 (+ x 1)) 2))"),
        ("fn defaults", "fn f(a, b, c=1) { a + b + c }", "(fn f (a b (c 1)) (block (+ (+ a b) c)))"),
        ("fn return", "fn f(x) {\n  return\n}", "(fn f (x) (block (return)))"),
        ("return tuple", "fn f(x) { return x, 2 }", "(fn f (x) (block (return (tuple x 2))))"),
        ("if else if else", "if a { 1 } else if b { 2 } else { 3 }",
         "(if a (block 1) b (block 2) (else (block 3)))"),
        ("if multi-line", "if x > 0 {\n  y = 1\n} else {\n  y = 2\n}",
         "(if (> x 0) (block (= y 1)) (else (block (= y 2))))"),
        ("if with parenthesized record", "if ({a: 1}).a { 1 }", "(if (. (record (a 1)) a) (block 1))"),
        ("for", "for x in xs { print(x) }", "(for x xs (block (call print x)))"),
        ("for two names", "for i, x in enumerate(xs) { s += x }",
         "(for (i x) (call enumerate xs) (block (+= s x)))"),
        ("for over range", "for i in range(10) { continue }", "(for i (call range 10) (block (continue)))"),
        ("while break", "while true { break }", "(while true (block (break)))"),
        ("block brace on next line", "while c\n{ f() }", "(while c (block (call f)))"),
        ("assert", "assert x > 0, \"x must be positive\"", "(assert (> x 0) \"x must be positive\")"),
        ("assert plain", "assert ok", "(assert ok)"),
        ("no_grad", "no_grad { w -= 0.5 * w.grad }", "(no_grad (block (-= w (* 0.5 (. w grad)))))"),
        ("no_grad as a name", "no_grad = 1", "(= no_grad 1)"),
        // Magics and help
        ("magic seed", "%seed 0", "(%seed \"0\")"),
        ("magic format", "%format svg", "(%format \"svg\")"),
        ("magic who", "%who", "(%who \"\")"),
        ("magic time", "%time x = f(2)", "(%time \"x = f(2)\" (= x (call f 2)))"),
        ("magic timeit loop", "%timeit for i in range(3) { s += i }",
         "(%timeit \"for i in range(3) { s += i }\" (for i (call range 3) (block (+= s i))))"),
        ("magic timeit several", "%timeit a = 1; b = 2", "(%timeit \"a = 1; b = 2\" (= a 1) (= b 2))"),
        ("help", "?Adam", "(? Adam)"),
        ("help detail", "??t.sum", "(?? t.sum)"),
        ("help suffix", "Adam?", "(? Adam)"),
        // Newline rules (LANGUAGE.md §1)
        ("newline inside parens", "f(1,\n  2)", "(call f 1 2)"),
        ("newline before operator in parens", "y = (a\n  + b)", "(= y (+ a b))"),
        ("newline after operator", "y = a +\n  b", "(= y (+ a b))"),
        ("newline after and", "c = a and\n b", "(= c (and a b))"),
        ("newline inside record", "r = {\n  a: 1,\n  b: 2\n}", "(= r (record (a 1) (b 2)))"),
        ("newline inside list", "x = [\n 1,\n 2\n]", "(= x (list 1 2))"),
        ("newline ends statement", "y = a\n+b", "(= y a)\n(+ b)"),
        ("block inside call keeps newlines", "f(fn(x) {\n  a = x\n  a\n})",
         "(call f (fn _ (x) (block (= a x) a)))"),
        ("semicolons", "a = 1; b = 2", "(= a 1)\n(= b 2)"),
        ("comments", "# intro\nx = 1  # one\n", "(= x 1)"),
        ("display suppressed", "x;", "x\n;"),
        ("display suppressed before comment", "x;\n# done\n", "x\n;"),
        ("not suppressed in middle", "x; y", "x\ny"),
        ("empty cell", "\n\n", ""),
    ]

    @Test(arguments: cases)
    func dump(_ c: (id: String, source: String, dump: String)) throws {
        let program = try Parser.parse(c.source)
        #expect(program.debugDescription == c.dump, "\(c.id)")
    }

    @Test func lectureExamplesParse() throws {
        let logistic = """
        w = param([0.8, 0.2]); b = param(0.1)
        x = [0.1, 0.7]; y = 1
        a = sigmoid(dot(w, x) + b)
        L = bce(a, y)
        L.backward()
        no_grad { w -= 0.5 * w.grad; b -= 0.5 * b.grad }
        [w, b]
        """
        #expect(try Parser.parse(logistic).statements.count == 9)
        let mlp = """
        seed(0)
        X, y = spiral(300, classes=3)
        model = mlp([2, 64, 64, 3])
        history = fit(model, X, y, loss=cross_entropy, opt=Adam(model.parameters(), lr=0.01), epochs=200, batch_size=300)
        boundary(model, X, y)
        """
        let program = try Parser.parse(mlp)
        #expect(program.statements.count == 5)
        #expect(program.debugDescription.contains("(opt= (call Adam (call (. model parameters)) (lr= 0.01)))"))
    }

    @Test func spansPointAtTheSource() throws {
        let program = try Parser.parse("x = 1\nopt = Adam(p, lr=0.1)")
        let statement = program.statements[1]
        #expect(statement.span.start == SourceLocation(line: 2, column: 1, offset: 6))
        #expect(statement.span.end == SourceLocation(line: 2, column: 22, offset: 27))
        guard case .assignment(.name(let name), let value) = statement.kind,
              case .call(let call) = value.kind else {
            Issue.record("expected an assignment of a call")
            return
        }
        #expect(name.name == "opt")
        #expect(value.span.start.column == 7)
        #expect(call.namedArguments[0].name.span.start == SourceLocation(line: 2, column: 15, offset: 20))
        #expect(call.namedArguments[0].value.span.start.column == 18)
    }

    @Test func binaryOperatorSpanCoversBothOperands() throws {
        let program = try Parser.parse("y = a * (b + c)")
        guard case .assignment(_, let value) = program.statements[0].kind else {
            Issue.record("expected an assignment")
            return
        }
        #expect(value.span.start.column == 5)
        #expect(value.span.end.column == 16)
    }

    @Test func helpRequestKeepsText() throws {
        let program = try Parser.parse("??model.parameters")
        guard case .help(let request) = program.statements[0].kind else {
            Issue.record("expected a help request")
            return
        }
        #expect(request.text == "model.parameters")
        #expect(request.detailLevel == 2)
    }

    @Test func nestingUpToTheLimitParses() throws {
        let depth = 40
        let source = String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth)
        #expect(try Parser.parse(source).debugDescription == "1")
        let blocks = String(repeating: "if x {\n", count: depth) + String(repeating: "}\n", count: depth)
        #expect(try Parser.parse(blocks).statements.count == 1)
    }
}

import Testing
import Lang

/// The mistakes students make, with the exact message and where the caret goes.
struct SyntaxErrorTests {
    static let cases: [(id: String, source: String, message: String, line: Int, column: Int)] = [
        ("missing ) at end", "x = 1\ny = f(2,\n  g(3)",
         "expected ')' to close '(' opened at line 2, column 6", 3, 7),
        ("missing ) before next line", "print((1 + 2)\nx = 3",
         "expected ')' to close '(' opened at line 1, column 6", 2, 1),
        ("missing ]", "t = [1, 2\ny = 3", "expected ']' to close '[' opened at line 1, column 5", 2, 1),
        ("missing } of record", "r = {a: 1", "expected '}' to close '{' opened at line 1, column 5", 1, 10),
        ("missing } of block", "if x {\n  y = 1\n", "expected '}' to close '{' opened at line 1, column 6", 3, 1),
        ("missing , in call", "f(1 2)", "expected ')' to close '(' opened at line 1, column 2", 1, 5),
        ("= in if", "if x = 1 { }", "'=' in a condition: did you mean '=='?", 1, 6),
        ("= in while", "while i = 0 { }", "'=' in a condition: did you mean '=='?", 1, 9),
        ("else on new line", "if x {\n  1\n}\nelse {\n  2\n}",
         "unexpected 'else': an else must follow the '}' of an if on the same line", 4, 1),
        ("else after blank line", "if x { 1 }\n\nelse { 2 }",
         "unexpected 'else': an else must follow the '}' of an if on the same line", 3, 1),
        ("stray else", "x = 1\nelse { 2 }",
         "unexpected 'else': an else must follow the '}' of an if on the same line", 2, 1),
        ("fn without body", "fn f(x)\ny = 2", "function 'f' has no body: add '{ ... }' or '= expression'", 2, 1),
        ("fn without body at end", "fn f(x)", "function 'f' has no body: add '{ ... }' or '= expression'", 1, 8),
        ("fn without name or parens", "fn f", "expected '(' to start the parameter list, found the end of the cell", 1, 5),
        ("stray }", "x = 1\n}", "unmatched '}': there is no opening '{' for it", 2, 1),
        ("stray )", "x = f(1))", "unmatched ')': there is no opening '(' for it", 1, 9),
        ("stray ] alone", "]", "unmatched ']': there is no opening '[' for it", 1, 1),
        ("unterminated string", "print(\"hello)\n", "unterminated string: add the closing quote on the same line", 1, 7),
        ("bad number", "y = 1.2.3 + 1", "invalid number '1.2.3'", 1, 5),
        ("x ++", "x ++", "'++' is not an operator here: write 'x += 1'", 1, 3),
        ("x-- in call", "f(x--)", "'--' is not an operator here: write 'x -= 1'", 1, 4),
        ("keyword as name", "for = 3", "'for' is a keyword and cannot be used as a name", 1, 1),
        ("keyword as compound target", "in += 1", "'in' is a keyword and cannot be used as a name", 1, 1),
        ("keyword as parameter", "fn f(if) = 1", "'if' is a keyword and cannot be used as a name", 1, 6),
        ("keyword as loop variable", "for in in xs { }", "'in' is a keyword and cannot be used as a name", 1, 5),
        ("keyword as member", "t.if", "'if' is a keyword and cannot be used as a name", 1, 3),
        ("missing block", "for i in range(3) print(i)",
         "expected '{' to start the block of 'for', found 'print'", 1, 19),
        ("missing in", "for i range(3) { }", "expected 'in', found 'range'", 1, 7),
        ("if without condition", "if { }", "expected a condition after 'if', found '{'", 1, 4),
        ("two statements on a line", "x = 1 y = 2", "expected a new line or ';' before 'y'", 1, 7),
        ("assign to call", "f(x) = 3", "cannot assign to a function call", 1, 1),
        ("assign to literal", "3 = x", "cannot assign to a literal", 1, 1),
        ("assign to comparison", "x == 1 = 2", "cannot assign to a comparison", 1, 1),
        ("destructure non-name", "a, b[0] = xs", "cannot assign to this expression in a destructuring", 1, 4),
        ("compound destructure", "a, b += 1", "cannot assign to several names with '+='", 1, 1),
        ("positional after named", "f(lr=0.1, x)", "positional argument after a named argument", 1, 11),
        ("duplicate named", "f(lr=1, lr=2)", "argument 'lr' is given twice", 1, 9),
        ("duplicate parameter", "fn f(a, a) = 1", "parameter 'a' appears twice", 1, 9),
        ("required after default", "fn f(a=1, b) = 1",
         "parameter 'b' without a default follows a parameter with a default", 1, 11),
        ("break outside loop", "break", "'break' outside a loop", 1, 1),
        ("continue in fn in loop", "for i in xs { fn f() { continue } }", "'continue' outside a loop", 1, 24),
        ("return outside fn", "return 1", "'return' outside a function", 1, 1),
        ("chained comparison", "0 < x < 1", "comparisons cannot be chained: write 'a < b and b < c'", 1, 7),
        ("empty index", "t[]", "expected an index, found ']'", 1, 3),
        ("missing expression", "x = * 2", "expected an expression, found '*'", 1, 5),
        ("trailing operator", "x = 1 +", "expected an expression, found the end of the cell", 1, 8),
        ("empty parens", "x = ()", "expected an expression inside '( )', found ')'", 1, 6),
        ("record without colon", "r = {a = 1}", "expected ':' after the field name 'a', found '='", 1, 8),
        ("help of a call", "?f(1)", "expected a name or 'name.member' after '?', found a call or index", 1, 2),
        ("empty magic", "%", "expected a magic name after '%', e.g. %time", 1, 1),
        // Python habits
        ("def", "def f(x):\n    return x", "'def' is Python: define a function with 'fn name(x) { ... }'", 1, 1),
        ("colon block", "if x > 0:\n    y = 1", "expected '{' to start the block of 'if', found ':': blocks are written '{ ... }'", 1, 9),
        ("colon for", "for i in range(3):", "expected '{' to start the block of 'for', found ':': blocks are written '{ ... }'", 1, 18),
        ("colon fn", "fn f(x):", "expected '{' to start the block of 'fn', found ':': blocks are written '{ ... }'", 1, 8),
        ("elif", "if a { 1 } elif b { 2 }", "'elif' is Python: write 'else if'", 1, 12),
        ("elif on its line", "if a { 1 }\nelif b { 2 }", "'elif' is Python: write 'else if'", 2, 1),
        ("lambda", "f = lambda x: x^2", "'lambda' is Python: write 'fn(x) = expression'", 1, 5),
        ("import", "import numpy as np", "'import' is not needed: tensors, layers and plots are built in", 1, 1),
        ("python ternary", "y = 1 if c else 2", "Python's 'a if c else b' is written 'if c { a } else { b }'", 1, 7),
        ("python ternary in call", "f(1 if c else 2)", "Python's 'a if c else b' is written 'if c { a } else { b }'", 1, 5),
        ("comprehension", "ys = [x^2 for x in xs]", "list comprehensions are not supported: build the list with a for loop", 1, 11),
        ("unicode is fine until the error", "θ = 1\nβ = θ +* 2", "expected an expression, found '*'", 2, 8),
    ]

    @Test(arguments: cases)
    func message(_ c: (id: String, source: String, message: String, line: Int, column: Int)) {
        do {
            let program = try Parser.parse(c.source)
            Issue.record("\(c.id): expected an error, parsed \(program.debugDescription)")
        } catch {
            #expect(error.description == c.message, "\(c.id)")
            #expect(error.location.line == c.line, "\(c.id)")
            #expect(error.location.column == c.column, "\(c.id)")
        }
    }

    /// Hostile nesting gives a SyntaxError, never a stack overflow. Sources are built in the
    /// test so a failure does not print 100,000 characters.
    @Test(arguments: [
        ("parens", 1, 100), ("minus", 1, 199), ("index chain", 1, 294), ("blocks", 51, 1),
        ("lists", 1, 100), ("calls", 1, 100), ("not", 1, 397), ("power", 1, 199),
    ])
    func hostileNesting(_ c: (kind: String, line: Int, column: Int)) {
        let n = c.kind == "parens" ? 100_000 : 20_000
        let source: String
        switch c.kind {
        case "parens": source = String(repeating: "(", count: n)
        case "minus": source = String(repeating: "- ", count: n) + "1"
        case "index chain": source = "x" + String(repeating: "[0]", count: n)
        case "blocks": source = String(repeating: "if x {\n", count: n)
        case "lists": source = String(repeating: "[", count: n)
        case "calls": source = String(repeating: "f(", count: n)
        case "not": source = String(repeating: "not ", count: n) + "x"
        default: source = String(repeating: "2^", count: n) + "2"
        }
        do {
            _ = try Parser.parse(source)
            Issue.record("\(c.kind): parsed")
        } catch {
            #expect(error.description == "too deeply nested (more than 100 levels)", "\(c.kind)")
            #expect(error.location.line == c.line, "\(c.kind)")
            #expect(error.location.column == c.column, "\(c.kind)")
        }
        #expect(completeness(of: source) == .invalid, "\(c.kind)")
    }

    @Test func pythonWordsStayUsableAsNames() throws {
        let program = try Parser.parse("lambda = 0.01\nloss = mse(p, y) + lambda * l2(w)\nfrom = 1")
        #expect(program.statements.count == 3)
    }

    @Test func unicodeIdentifiersAreNames() throws {
        let program = try Parser.parse("θ₁ = 0.5\nσ = sigmoid(θ₁ * 2)\nnaïve_lr = σ")
        #expect(program.debugDescription == "(= θ₁ 0.5)\n(= σ (call sigmoid (* θ₁ 2)))\n(= naïve_lr σ)")
    }

    @Test func endOfInputFlag() {
        for (source, atEnd) in [("f(1,", true), ("if x {", true), ("x = )", false), ("\"abc", false)] {
            do {
                _ = try Parser.parse(source)
                Issue.record("\(source) parsed")
            } catch {
                #expect(error.isAtEndOfInput == atEnd, "\(source)")
            }
        }
    }
}

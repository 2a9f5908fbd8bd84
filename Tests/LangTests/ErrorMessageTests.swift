import Testing
@testable import Lang

/// Every error kind the runtime raises, with its exact message (LANGUAGE.md §8).
@Suite struct ErrorMessageTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let id: String
        let setup: String
        let code: String
        let expected: String
        var testDescription: String { id }
    }

    static let cases: [Case] = [
        Case(id: "name did-you-mean", setup: "learning_rate = 0.1", code: "learning_rat * 2",
             expected: "NameError: name 'learning_rat' is not defined. Did you mean 'learning_rate'?"),
        Case(id: "name builtin did-you-mean", setup: "", code: "pritn(1)",
             expected: "NameError: name 'pritn' is not defined. Did you mean 'print'?"),
        Case(id: "name no suggestion", setup: "", code: "qqqqqq",
             expected: "NameError: name 'qqqqqq' is not defined"),
        Case(id: "unbound local", setup: "x = 1", code: "fn f() {\n  y = x\n  x = 2\n}\nf()",
             expected: "NameError: local variable 'x' is used before it is assigned (assigning to 'x' in a function makes it local there)"),
        Case(id: "string plus number", setup: "", code: "\"a\" + 1",
             expected: "TypeError: cannot add string and number: use str(x) to turn the number into a string"),
        Case(id: "unsupported operands", setup: "", code: "none * 2",
             expected: "TypeError: unsupported operand kinds for *: none and number"),
        Case(id: "not callable", setup: "", code: "x = 3\nx(1)",
             expected: "TypeError: number is not callable"),
        Case(id: "missing argument", setup: "fn f(a, b) = a + b", code: "f(1)",
             expected: "TypeError: f() missing required argument 'b'; signature: f(a, b)"),
        Case(id: "too many arguments", setup: "fn f(a, b=2) = a + b", code: "f(1, 2, 3)",
             expected: "TypeError: f() takes 2 arguments but 3 were given; signature: f(a, b=2)"),
        Case(id: "unknown keyword suggestion", setup: "fn f(rate=1) = rate", code: "f(rat=2)",
             expected: "TypeError: f() got an unexpected keyword argument 'rat' (did you mean 'rate'?); signature: f(rate=1)"),
        Case(id: "builtin unknown keyword", setup: "", code: "range(3, stp=2)",
             expected: "TypeError: range() got an unexpected keyword argument 'stp' (did you mean 'step'?); signature: range(start, stop=none, step=1)"),
        Case(id: "builtin too many", setup: "", code: "len(1, 2)",
             expected: "TypeError: len() takes 1 positional argument but 2 were given; signature: len(value)"),
        Case(id: "builtin missing", setup: "", code: "len()",
             expected: "TypeError: len() missing required argument 'value'; signature: len(value)"),
        Case(id: "builtin multiple values", setup: "", code: "range(1, start=2)",
             expected: "TypeError: range() got multiple values for argument 'start'; signature: range(start, stop=none, step=1)"),
        Case(id: "builtin wrong type", setup: "", code: "range(\"a\")",
             expected: "TypeError: range() argument 'start' must be a number, not string"),
        Case(id: "len of number", setup: "", code: "len(3)",
             expected: "TypeError: len() of a number: it has no length"),
        Case(id: "loop over number", setup: "", code: "for x in 3 { }",
             expected: "TypeError: cannot loop over a number: a for loop takes a list, tensor, range, record or string"),
        Case(id: "member missing", setup: "", code: "xs = []\nxs.apend(1)",
             expected: "AttributeError: list has no member 'apend'. Did you mean 'append'?"),
        Case(id: "append on a tensor literal", setup: "", code: "pts = [[0, 0]]\npts.append([1, 2])",
             expected: "AttributeError: tensor has no member 'append': a list literal of numbers is a tensor. To collect items, start from an empty list (`xs = []`) and append to it, or use cat/stack to grow a tensor"),
        Case(id: "list index", setup: "", code: "[\"a\"][1]",
             expected: "IndexError: list index 1 is out of range for a list of length 1"),
        Case(id: "list index kind", setup: "", code: "[\"a\"][\"b\"]",
             expected: "TypeError: list indices must be whole numbers, not string"),
        Case(id: "unpack", setup: "", code: "a, b = [\"x\"]",
             expected: "ValueError: cannot unpack 1 value into 2 names"),
        Case(id: "division by zero", setup: "", code: "1 / 0",
             expected: "ZeroDivisionError: division by zero"),
        Case(id: "range step zero", setup: "", code: "range(1, 5, 0)",
             expected: "ValueError: range() step must not be zero"),
        Case(id: "tensor truth", setup: "", code: "if [1, 2, 3] { }",
             expected: "ValueError: the truth value of a tensor with 3 elements is ambiguous: reduce it first, e.g. (t > 0).sum() > 0 or t.max() > 0"),
        Case(id: "assert message", setup: "", code: "assert 1 == 2, \"numbers differ\"",
             expected: "AssertionError: numbers differ"),
        Case(id: "assert source", setup: "", code: "assert len([]) > 0",
             expected: "AssertionError: len([]) > 0 is false"),
        Case(id: "recursion", setup: "fn down(n) = down(n - 1)", code: "down(0)",
             expected: "RecursionError: maximum recursion depth (1000) exceeded in down(): does the function always reach a case that stops calling itself?"),
        Case(id: "return outside function", setup: "", code: "return 1",
             expected: "SyntaxError: 'return' outside a function"),
        Case(id: "break outside loop", setup: "", code: "break",
             expected: "SyntaxError: 'break' outside a loop"),
        Case(id: "continue in if expression", setup: "", code: "for i in range(2) { y = if true { continue } else { 1 } }",
             expected: "SyntaxError: 'continue' cannot be used inside an if expression: use an if statement"),
        Case(id: "duplicate parameter", setup: "", code: "fn f(a, a) = a",
             expected: "SyntaxError: parameter 'a' appears twice"),
        Case(id: "repeated keyword", setup: "", code: "print(1, sep=\"a\", sep=\"b\")",
             expected: "SyntaxError: argument 'sep' is given twice"),
        Case(id: "unknown magic", setup: "", code: "%tim 1",
             expected: "ValueError: unknown magic %tim. Did you mean %time? Magics: %time, %timeit, %who, %reset, %seed, %format"),
        Case(id: "format magic", setup: "", code: "%format jpg",
             expected: "ValueError: %format takes svg, png or both, not 'jpg'"),
        Case(id: "record index", setup: "r = {a: 1}", code: "r[0]",
             expected: "TypeError: a record is indexed by a field name string, e.g. r[\"lr\"]"),
        Case(id: "string assignment", setup: "s = \"ab\"", code: "s[0] = \"c\"",
             expected: "TypeError: strings cannot be changed in place: build a new string instead"),
        Case(id: "shape error from engine", setup: "", code: "[1, 2, 3] + [1, 2]",
             expected: "ShapeError: cannot broadcast [3] with [2] in add"),
        Case(id: "matmul shape", setup: "", code: "[[1, 2], [3, 4], [5, 6]] @ [[1], [2], [3]]",
             expected: "ShapeError: cannot matmul [3, 2] @ [3, 1]: inner sizes 2 and 3 differ"),
        Case(id: "matmul numbers", setup: "", code: "2 @ 3",
             expected: "TypeError: @ is the matrix product: both sides must be tensors, not numbers"),
        Case(id: "compound destructure", setup: "", code: "a, b += 1",
             expected: "SyntaxError: cannot assign to several names with '+='"),
    ]

    @Test(arguments: cases)
    func message(_ c: Case) {
        let s = TestSession()
        if !c.setup.isEmpty { #expect(!s.run(c.setup).contains("Error")) }
        #expect(s.run(c.code) == c.expected)
    }

    @Test func tracebackShowsCellLineSourceAndCaret() {
        let s = TestSession()
        s.run("x = 1")
        #expect(s.traceback("x = 1\ny = xx + 1") == """
        ---------------------------------------------------------------------------
        NameError                                 Traceback (most recent call last)
        Cell In[2], line 2
        ----> 2 y = xx + 1
                    ^^
        NameError: name 'xx' is not defined. Did you mean 'x'?
        """)
    }

    @Test func tracebackHasOneEntryPerFunctionFrame() {
        let s = TestSession()
        s.run("fn inner(a) {\n  b = a / 0\n  b\n}")
        #expect(s.traceback("fn outer(v) = inner(v)\nouter(1)") == """
        ---------------------------------------------------------------------------
        ZeroDivisionError                         Traceback (most recent call last)
        Cell In[2], line 2
        ----> 2 outer(1)
                ^^^^^^^^
        Cell In[2], line 1, in outer
        ----> 1 fn outer(v) = inner(v)
                              ^^^^^^^^
        Cell In[1], line 2, in inner
        ----> 2   b = a / 0
                      ^^^^^
        ZeroDivisionError: division by zero
        """)
    }

    @Test func syntaxErrorTracebackPointsAtTheColumn() {
        #expect(TestSession().traceback("zeros(2") == """
        Cell In[1], line 1
        ----> 1 zeros(2
                       ^
        SyntaxError: expected ')' to close '(' opened at line 1, column 6
        """)
    }

    @Test func deepRecursionTracebackIsShortened() {
        let s = TestSession()
        let text = s.traceback("fn g(n) = g(n + 1)\ng(1)")
        #expect(text.contains("[... 992 more frames ...]"))
        #expect(text.components(separatedBy: ", in g").count - 1 == 8)
    }

    @Test func tracebackIsColouredForTheKernel() {
        let s = Session()
        guard case .error(let kind, let message, let traceback) = s.execute("1 / 0", cellName: "In[1]", output: RecordingSink()) else {
            Issue.record("expected an error")
            return
        }
        #expect(kind == "ZeroDivisionError")
        #expect(message == "division by zero")
        #expect(traceback.last == "\u{1B}[0;31mZeroDivisionError\u{1B}[0m: division by zero")
    }

    @Test func nameSuggestionDistances() {
        #expect(NameSuggester.suggestion(for: "lenght", among: ["length", "len"]) == "length")
        #expect(NameSuggester.suggestion(for: "x", among: ["y", "xs"]) == "xs" || NameSuggester.suggestion(for: "x", among: ["y", "xs"]) == "y")
        #expect(NameSuggester.suggestion(for: "model", among: ["optimizer"]) == nil)
        #expect(NameSuggester.editDistance(Array("ab".unicodeScalars), Array("ba".unicodeScalars)) == 1)
        #expect(NameSuggester.editDistance(Array("kitten".unicodeScalars), Array("sitting".unicodeScalars)) == 3)
    }
}

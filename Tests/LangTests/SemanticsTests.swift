import Testing
@testable import Lang

@Suite struct SemanticsTests {
    @Test("results of simple cells", arguments: [
        ("1 + 2", "3"),
        ("7 / 2", "3.5"),
        ("2 ^ 10", "1024"),
        ("2 ** 3 ** 2", "512"),
        ("-2 ^ 2", "-4"),
        ("7 % 3", "1"),
        ("-7 % 3", "2"),
        ("1e-3", "0.001"),
        ("\"hi\"", "\"hi\""),
        ("'a\"b'", "\"a\\\"b\""),
        ("true and false", "false"),
        ("none", ""),
        ("1 < 2", "true"),
        ("[]", "[]"),
        ("[\"a\", 1]", "[\"a\", 1]"),
        ("{lr: 0.1, name: \"sgd\"}", "{lr: 0.1, name: \"sgd\"}"),
        ("x = 3", ""),
        ("1 + 2;", ""),
        ("\"ab\" + \"cd\"", "\"abcd\""),
        ("\"ab\" * 3", "\"ababab\""),
        ("if 1 > 2 { \"a\" } else { \"b\" }", "\"b\""),
        ("y = if true { 1 } else { 2 }\ny", "1"),
        ("not 0", "true"),
        ("0 or \"x\"", "\"x\""),
        ("1 == 1.0", "true"),
        ("\"a\" == \"a\"", "true"),
        ("[1, \"a\"] == [1, \"a\"]", "true"),
        ("range(3)", "range(0, 3)"),
        ("len(range(0, 10, 3))", "4"),
        ("type(1)", "\"number\""),
        ("type([1, 2])", "\"tensor\""),
        ("type([])", "\"list\""),
        ("type(print)", "\"function\""),
        ("str(3) + \"!\"", "\"3!\""),
        ("round(3.14159, 2)", "3.14"),
        ("min(3, 1, 2)", "1"),
        ("max([\"b\", \"c\", \"a\"])", "\"c\""),
        ("abs(-3)", "3"),
        ("1 / 3", "0.3333333333333333"),
        ("1e20", "1e+20"),
    ])
    func results(code: String, expected: String) {
        #expect(TestSession().run(code) == expected)
    }

    @Test func globalsSurviveErrors() {
        let s = TestSession()
        s.run("a = 1")
        #expect(s.run("b = 2\nc = nope\nd = 4") == "NameError: name 'nope' is not defined")
        #expect(s.run("[a, b]") == "tensor([1., 2.])")
        #expect(s.run("d").hasPrefix("NameError: name 'd' is not defined"))
    }

    @Test func userExpressionsEvaluateWithoutAssigning() {
        let s = TestSession()
        s.run("x = 41\nfn shout(t) { print(t); t }")
        #expect(s.session.evaluate("x + 1") == .ok(result: RichBundle.plainText("42"), pages: []))
        #expect(s.session.evaluate("none") == .ok(result: RichBundle.plainText("none"), pages: []))
        #expect(s.session.evaluate("shout(3)") == .ok(result: RichBundle.plainText("3"), pages: []))
        guard case .error(let kind, let message, _) = s.session.evaluate("x = 0") else {
            Issue.record("an assignment was accepted as a user expression"); return
        }
        #expect(kind == "SyntaxError")
        #expect(message.contains("must be one expression"))
        #expect(s.run("x") == "41")
        guard case .error(let missing, _, _) = s.session.evaluate("nope") else {
            Issue.record("an undefined name evaluated"); return
        }
        #expect(missing == "NameError")
    }

    @Test func functionsAndClosures() {
        let s = TestSession()
        s.run("fn add(a, b=10) = a + b")
        #expect(s.run("add(1)") == "11")
        #expect(s.run("add(1, b=2)") == "3")
        s.run("""
        fn counter() {
            n = 0
            fn inc() {
                m = n + 1
                m
            }
            inc
        }
        """)
        #expect(s.run("counter()()") == "1")
        s.run("fn fact(n) { if n <= 1 { return 1 }\n n * fact(n - 1) }")
        #expect(s.run("fact(10)") == "3628800")
        s.run("sq = fn(x) = x ^ 2")
        #expect(s.run("sq(4)") == "16")
        s.run("g = 5\nfn readg() = g")
        s.run("g = 6")
        #expect(s.run("readg()") == "6")
    }

    @Test func closuresCaptureByReference() {
        let s = TestSession()
        s.run("""
        fn make() {
            xs = []
            fn add(v) { xs.append(v); len(xs) }
            add
        }
        f = make()
        f(1)
        """)
        #expect(s.run("f(2)") == "2")
    }

    @Test func loops() {
        let s = TestSession()
        #expect(s.run("s = 0\nfor i in range(5) { s += i }\ns") == "10")
        #expect(s.run("s = 0\nfor i in range(10) { if i == 3 { continue }\n if i == 6 { break }\n s += i }\ns") == "12")
        #expect(s.run("n = 0\nwhile n < 7 { n += 2 }\nn") == "8")
        #expect(s.run("out = []\nfor i, x in enumerate([\"a\", \"b\"]) { out.append(str(i) + x) }\nout") == "[\"0a\", \"1b\"]")
        #expect(s.run("t = 0\nfor x in [1, 2, 3] { t += x }\nt") == "6")
        #expect(s.run("k = []\nfor name in ({a: 1, b: 2}) { k.append(name) }\nk") == "[\"a\", \"b\"]")
        #expect(s.run("p = []\nfor a, b in zip([1, 2], [\"x\", \"y\"]) { p.append(b) }\np") == "[\"x\", \"y\"]")
    }

    @Test func destructuringAndIndexing() {
        let s = TestSession()
        #expect(s.run("a, b = [\"x\", 2]\nb") == "2")
        #expect(s.run("a, b = 1, 2\na + b") == "3")
        #expect(s.run("a, b = [1, 2, 3]") == "ValueError: cannot unpack 3 values into 2 names")
        #expect(s.run("xs = [\"a\", \"b\", \"c\"]\nxs[-1]") == "\"c\"")
        #expect(s.run("xs[0:2]") == "[\"a\", \"b\"]")
        #expect(s.run("xs[::-1]") == "[\"c\", \"b\", \"a\"]")
        #expect(s.run("xs[1] = \"z\"\nxs") == "[\"a\", \"z\", \"c\"]")
        #expect(s.run("xs[5]") == "IndexError: list index 5 is out of range for a list of length 3")
        #expect(s.run("r = {lr: 0.1}\nr.lr = 0.5\nr[\"lr\"]") == "0.5")
        #expect(s.run("r.momentum = 0.9\nr") == "{lr: 0.5, momentum: 0.9}")
        #expect(s.run("r.lr += 1\nr.lr") == "1.5")
        #expect(s.run("\"hello\"[1]") == "\"e\"")
    }

    @Test func recordFieldErrors() {
        let s = TestSession()
        s.run("r = {lr: 0.1, name: \"sgd\"}")
        #expect(s.run("r.lrr") == "AttributeError: record has no field 'lrr'. Did you mean 'lr'?")
        #expect(s.run("r[\"x\"]") == "IndexError: record has no field 'x'; its fields are lr, name")
    }

    @Test func truthiness() {
        let s = TestSession()
        #expect(s.run("if [] { 1 } else { 2 }") == "2")
        #expect(s.run("if \"\" { 1 } else { 2 }") == "2")
        #expect(s.run("if [1, 2] { 1 }").hasPrefix("ValueError: the truth value of a tensor with 2 elements is ambiguous"))
        #expect(s.run("if [5] { 1 } else { 2 }") == "1")
    }

    @Test func assertions() {
        let s = TestSession()
        #expect(s.run("x = -1\nassert x > 0") == "AssertionError: x > 0 is false")
        #expect(s.run("assert 1 > 2, \"one is small\"") == "AssertionError: one is small")
        #expect(s.run("assert true") == "")
    }

    @Test func printing() {
        let s = TestSession()
        #expect(s.printed("print(\"a\", 1, 2.5, true, none)") == "a 1 2.5 true none\n")
        #expect(s.printed("print(\"a\", \"b\", sep=\"-\", end=\"!\")") == "a-b!")
        #expect(s.printed("print([\"x\", 1])") == "[\"x\", 1]\n")
        #expect(s.printed("print(7 / 2)") == "3.5\n")
    }

    @Test func listMembers() {
        let s = TestSession()
        #expect(s.run("xs = []\nxs.append(1)\nxs.append(\"a\")\nxs") == "[1, \"a\"]")
        #expect(s.run("xs.pop()") == "\"a\"")
        #expect(s.run("\"a,b\".split(\",\")") == "[\"a\", \"b\"]")
        #expect(s.run("\", \".join([\"a\", \"b\"])") == "\"a, b\"")
        #expect(s.run("sorted([\"b\", \"a\"])") == "[\"a\", \"b\"]")
    }
}

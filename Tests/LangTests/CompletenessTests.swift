import Testing
import Lang

/// What a student types in a console, line by line, and whether the kernel should run it.
struct CompletenessTests {
    static let cases: [(id: String, source: String, verdict: CompletenessVerdict)] = [
        // Complete
        ("empty", "", .complete),
        ("blank lines", "\n\n", .complete),
        ("expression", "1 + 2", .complete),
        ("assignment", "x = [1, 2, 3]", .complete),
        ("closed block", "if x > 0 {\n  print(x)\n}", .complete),
        ("closed fn", "fn f(x) {\n  x^2\n}", .complete),
        ("one-line fn", "fn f(x) = x^2", .complete),
        ("magic", "%time x = 1", .complete),
        ("magic raw", "%format svg", .complete),
        ("help", "?Adam", .complete),
        ("comment only", "# nothing", .complete),
        ("closed triple string", "s = \"\"\"a\nb\"\"\"", .complete),
        ("if without else is complete", "if x { 1 }", .complete),
        ("suppressed", "x;", .complete),
        // Incomplete: open brackets and blocks
        ("open paren", "print(1,", .incomplete(indent: "    ")),
        ("open paren no comma", "f(1", .incomplete(indent: "    ")),
        ("open bracket", "x = [1, 2,\n  3", .incomplete(indent: "    ")),
        ("open record", "r = {a: 1,", .incomplete(indent: "    ")),
        ("open block", "if x > 0 {", .incomplete(indent: "    ")),
        ("open fn block", "fn f(x) {\n  y = x", .incomplete(indent: "    ")),
        ("nested blocks", "for i in xs {\n  if i > 0 {", .incomplete(indent: "        ")),
        ("block inside call", "f(fn(x) {", .incomplete(indent: "        ")),
        ("while open", "while true {\n", .incomplete(indent: "    ")),
        ("else open", "if a { 1 } else {", .incomplete(indent: "    ")),
        ("else if header", "if a { 1 } else if", .incomplete(indent: "")),
        ("no_grad open", "no_grad {", .incomplete(indent: "    ")),
        ("timed loop open", "%timeit for i in range(3) {", .incomplete(indent: "    ")),
        // Incomplete: headers, trailing operators, commas, backslash, triple strings
        ("for header", "for i in range(3)", .incomplete(indent: "")),
        ("if header", "if x > 0", .incomplete(indent: "")),
        ("trailing plus", "x = 1 +", .incomplete(indent: "")),
        ("trailing and", "ok = a and", .incomplete(indent: "")),
        ("trailing power", "y = x ^", .incomplete(indent: "")),
        ("trailing comma destructuring", "a, b =", .incomplete(indent: "")),
        ("trailing assignment", "x =", .incomplete(indent: "")),
        ("trailing comma assert", "assert x,", .incomplete(indent: "")),
        ("fn header", "fn f(x)", .incomplete(indent: "")),
        ("fn =", "fn f(x) =", .incomplete(indent: "")),
        ("backslash", "x = 1 \\", .incomplete(indent: "")),
        ("open triple string", "s = \"\"\"first line", .incomplete(indent: "")),
        // Invalid: more lines cannot help
        ("unterminated string", "s = \"abc", .invalid),
        ("stray close", "x = 1)", .invalid),
        ("stray brace", "}", .invalid),
        ("assignment in condition", "if x = 1 {", .invalid),
        ("bad number", "x = 1.2.3", .invalid),
        ("increment", "x++", .invalid),
        ("keyword name", "for = 3", .invalid),
        ("else on new line", "if x { 1 }\nelse {", .invalid),
        ("two statements", "x = 1 y = 2", .invalid),
        ("error before open block", "x = )\nif y {", .invalid),
        ("break outside loop", "break", .invalid),
    ]

    @Test(arguments: cases)
    func verdict(_ c: (id: String, source: String, verdict: CompletenessVerdict)) {
        #expect(completeness(of: c.source) == c.verdict, "\(c.id)")
    }
}

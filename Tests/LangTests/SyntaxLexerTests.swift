import Testing
import Lang

/// Renders tokens compactly: `x` for a name, `3` for a number, `"s"` for a string, `kw:if`,
/// `+` for punctuation, `NL` for a newline, `%name[arg]` for a magic, `?1` for help.
private func render(_ source: String) throws -> String {
    let tokens = try Lexer.tokenize(source)
    return tokens.dropLast().map { token -> String in
        switch token.kind {
        case .number(let v): return v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
        case .string(let s): return "\"" + s + "\""
        case .identifier(let n): return n
        case .keyword(let k): return "kw:" + k.rawValue
        case .punctuation(let p): return p.rawValue
        case .newline: return "NL"
        case .magic(let name, let argument, _): return "%\(name)[\(argument ?? "<code>")]"
        case .help(let level): return "?\(level)"
        case .endOfInput: return "EOF"
        }
    }.joined(separator: " ")
}

struct SyntaxLexerTests {
    static let cases: [(id: String, source: String, tokens: String)] = [
        ("numbers", "3 -2.5 1e-3 0.5 .5 1E+2 1_000 3.", "3 - 2.5 0.001 0.5 0.5 100 1000 3"),
        ("number then member", "3.T x.y", "3 . T x . y"),
        ("strings", #""a\tb" 'it\'s' "q\"" '\\'"#, "\"a\tb\" \"it's\" \"q\"\" \"\\\""),
        ("triple string", "\"\"\"two\nlines\"\"\"", "\"two\nlines\""),
        ("keywords", "fn return if else for in while break continue and or not true false none assert",
         "kw:fn kw:return kw:if kw:else kw:for kw:in kw:while kw:break kw:continue kw:and kw:or kw:not kw:true kw:false kw:none kw:assert"),
        ("no_grad is a name", "no_grad { }", "no_grad { }"),
        ("unicode names", "θ = αβ_2 + x₁", "θ = αβ_2 + x₁"),
        ("operators", "+ - * / % @ ^ ** == != < <= > >= = += -= *= /=",
         "+ - * / % @ ^ ** == != < <= > >= = += -= *= /="),
        ("brackets and punctuation", "( ) [ ] { } , : . ;", "( ) [ ] { } , : . ;"),
        ("comments and newlines", "x = 1 # one\n\ny", "x = 1 NL NL y"),
        ("backslash continuation", "x = 1 + \\\n 2", "x = 1 + 2"),
        ("crlf", "a\r\nb", "a NL b"),
        ("magic raw", "%seed 0\nx", "%seed[0] NL x"),
        ("magic time keeps code", "%time x = 1", "%time[<code>] x = 1"),
        ("magic after indent", "  %format svg  ", "%format[svg]"),
        ("percent in expression", "a % b", "a % b"),
        ("percent at line start inside parens", "(a\n% b)", "( a NL % b )"),
        ("help prefix", "?Adam\n??t.sum", "?1 Adam NL ?2 t . sum"),
        ("help suffix", "Adam?", "Adam ?"),
        ("increment tokens", "x++ y--", "x ++ y --"),
    ]

    @Test(arguments: cases)
    func tokens(_ c: (id: String, source: String, tokens: String)) throws {
        #expect(try render(c.source) == c.tokens, "\(c.id)")
    }

    @Test func positionsCountUnicodeScalars() throws {
        let tokens = try Lexer.tokenize("\"😀\" + x\n  θ")
        let x = try #require(tokens.first { $0.kind == .identifier("x") })
        #expect(x.span.start == SourceLocation(line: 1, column: 7, offset: 6))
        #expect(x.span.end == SourceLocation(line: 1, column: 8, offset: 7))
        let theta = try #require(tokens.first { $0.kind == .identifier("θ") })
        #expect(theta.span.start == SourceLocation(line: 2, column: 3, offset: 10))
    }

    @Test func magicArgumentSpan() throws {
        let tokens = try Lexer.tokenize("%seed 42")
        guard case .magic(let name, let argument, let span) = tokens[0].kind else {
            Issue.record("expected a magic token")
            return
        }
        #expect(name == "seed")
        #expect(argument == "42")
        #expect(span.start.column == 7)
        #expect(span.end.column == 9)
    }

    static let errors: [(source: String, message: String, line: Int, column: Int)] = [
        ("x = \"abc", "unterminated string: add the closing quote on the same line", 1, 5),
        ("x = 'abc\ny'", "unterminated string: add the closing quote on the same line", 1, 5),
        ("s = \"\"\"abc", "unterminated string: a \"\"\" string needs a closing \"\"\"", 1, 5),
        ("y = 1.2.3", "invalid number '1.2.3'", 1, 5),
        ("y = 3x", "invalid number '3x'", 1, 5),
        ("y = 1..2", "invalid number '1..2'", 1, 5),
        ("s = \"C:\\data\"", "invalid escape '\\d' in a string: use \\n \\t \\\\ \\\" or \\'", 1, 8),
        ("x = 1 $ 2", "unexpected character '$'", 1, 7),
        ("x = !y", "'!' is written 'not'", 1, 5),
        ("a && b", "'&&' is written 'and'", 1, 3),
        ("a || b", "'||' is written 'or'", 1, 3),
        ("m = (a > 0) & (b > 0)", "'&' is not an operator: use 'and' for booleans, or '*' to combine 0/1 masks", 1, 13),
        ("m = a | b", "'|' is not an operator: use 'or' for booleans, or 'maximum(a, b)' to combine 0/1 masks", 1, 7),
        ("q = 7 // 2", "'//' is not an operator: use floor(a / b)", 1, 7),
        ("x = 1 ` 2", "unexpected character '`'", 1, 7),
    ]

    @Test(arguments: errors)
    func lexicalErrors(_ c: (source: String, message: String, line: Int, column: Int)) {
        #expect(throws: SyntaxError.self) { try Lexer.tokenize(c.source) }
        do {
            _ = try Lexer.tokenize(c.source)
        } catch {
            #expect(error.description == c.message)
            #expect(error.location.line == c.line)
            #expect(error.location.column == c.column)
        }
    }
}

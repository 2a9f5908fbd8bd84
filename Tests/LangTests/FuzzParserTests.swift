import Testing
import Lang

/// A small deterministic generator (SplitMix64) so fuzz failures reproduce.
private struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

/// Smoke fuzz of the lexer, parser and completeness check: random token streams and mutated
/// valid programs must give a Program or a SyntaxError (with a location inside the source),
/// never a crash or a hang.
struct FuzzParserTests {
    static let fragments = [
        "x", "y", "θ", "f", "t", "1", "2.5", "1e-3", "\"s\"", "'q'", "\"\"\"", "true", "none",
        "fn", "return", "if", "else", "for", "in", "while", "break", "continue", "and", "or",
        "not", "assert", "no_grad", "+", "-", "*", "/", "%", "@", "^", "**", "==", "!=", "<",
        "<=", ">", ">=", "=", "+=", "-=", "++", "--", "(", ")", "[", "]", "{", "}", ",", ":",
        ".", ";", "?", "??", "\n", "\n", " ", "#c\n", "%time ", "%seed 1\n", "\\\n", "$", "é",
    ]

    static let programs = [
        "w = param([0.8, 0.2]); b = param(0.1)\nx = [0.1, 0.7]; y = 1\na = sigmoid(dot(w, x) + b)\nL = bce(a, y)\nL.backward()\nno_grad { w -= 0.5 * w.grad; b -= 0.5 * b.grad }\n[w, b]",
        "fn h(x) = (2 * (x + 1))^2\ngrad(h)(2)",
        "seed(0)\nX, y = spiral(300, classes=3)\nmodel = mlp([2, 64, 64, 3])\nhistory = fit(model, X, y, loss=cross_entropy,\n  opt=Adam(model.parameters(), lr=0.01), epochs=200)\nboundary(model, X, y);",
        "fn f(a, b=1) {\n  for i, x in enumerate(a) {\n    if x > b { continue } else if x == 0 { break }\n    t[i, 1:3] = -x^2\n  }\n  return {a: a, b: b}\n}",
        "%timeit s = 0\ni = 0\nwhile i < 10 { i += 1 }\nassert i == 10, \"ten\"\n?Adam\nr.name = 'x'",
    ]

    private func check(_ source: String) {
        let scalarCount = source.unicodeScalars.count
        do {
            let program = try Parser.parse(source)
            _ = program.debugDescription
        } catch {
            #expect(error.location.offset >= 0 && error.location.offset <= scalarCount, "\(source.debugDescription)")
            #expect(!error.description.isEmpty)
        }
        _ = completeness(of: source)
    }

    @Test func randomTokenStreams() {
        var rng = SplitMix64(state: 0x5EED)
        for _ in 0..<2_000 {
            var source = ""
            for _ in 0..<(1 + rng.below(40)) {
                source += Self.fragments[rng.below(Self.fragments.count)]
                if rng.below(3) == 0 { source += " " }
            }
            check(source)
        }
    }

    @Test func mutatedValidPrograms() {
        var rng = SplitMix64(state: 42)
        for program in Self.programs {
            #expect(throws: Never.self) { try Parser.parse(program) }
        }
        for _ in 0..<2_000 {
            var scalars = Array(Self.programs[rng.below(Self.programs.count)].unicodeScalars)
            for _ in 0..<(1 + rng.below(4)) {
                let at = rng.below(scalars.count + 1)
                switch rng.below(3) {
                case 0 where !scalars.isEmpty:
                    scalars.remove(at: min(at, scalars.count - 1))
                case 1:
                    let fragment = Self.fragments[rng.below(Self.fragments.count)]
                    scalars.insert(contentsOf: fragment.unicodeScalars, at: at)
                default:
                    if !scalars.isEmpty {
                        let from = rng.below(scalars.count)
                        scalars.insert(scalars[from], at: at)
                    }
                }
            }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars)
            check(String(view))
        }
    }
}

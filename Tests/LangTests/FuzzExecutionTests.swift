import Foundation
import Testing
@testable import Lang

/// Runs mutated valid programs (smoke size) with an interrupt timer: whatever the mutation,
/// a cell ends with a result or an error, never a crash or a hang.
@Suite struct FuzzExecutionTests {
    static let corpus: [String] = [
        "s = 0\nfor i in range(100) { s += i }\ns",
        "fn fact(n) { if n <= 1 { return 1 }\n n * fact(n - 1) }\nfact(8)",
        "xs = []\nfor i, x in enumerate([\"a\", \"b\"]) { xs.append(str(i) + x) }\nxs",
        "r = {lr: 0.1, steps: 3}\nr.lr *= 2\nr[\"steps\"] + r.lr",
        "t = [[1, 2], [3, 4]]\nt[0, 1] = 5\n(t @ t)[1] * 2 - 1",
        "fn make(k) { fn add(x) = x + k\n add }\nmake(3)(4)",
        "n = 10\nwhile n > 0 { n -= 3\n if n == 4 { break } }\nn",
        "a, b = [1, \"x\"]\nassert a == 1, \"a is one\"\nb * 3",
        "w = [0.5, -1]\nno_grad { w -= 0.1 * w }\nif w[0] > 0 { \"pos\" } else { \"neg\" }",
        "print(\"x\", 1, sep=\",\")\nlen(\"hello\"[1:4])",
        "%time y = [1, 2, 3] ^ 2\ny",
        "f = fn(x) = x * x\nmax([f(1), f(3), f(2)])",
    ]

    static let fragments = ["(", ")", "[", "]", "{", "}", ",", "=", "+", "-", "*", "/", "^", "@", ".", ":",
                            "fn", "if", "else", "for", "in", "while", "return", "break", "none", "x", "0", "\"s\"",
                            "\n", ";", "not", "and", "%", "?", "range(1e9)", "while true { }", "f(f)"]

    @Test func mutatedProgramsNeverCrash() {
        var random = SplitMix(seed: 2026)
        let session = Session()
        let flag = session.interruptHandle
        let done = Atomicish()
        let ticker = Thread {
            while !done.isSet {
                Thread.sleep(forTimeInterval: 0.05)
                flag.set()
            }
        }
        ticker.start()
        defer { done.set() }
        var outcomes = 0
        var succeeded = 0
        for round in 0..<400 {
            var scalars = Array(Self.corpus[round % Self.corpus.count].unicodeScalars)
            if round % 2 == 0 {
                // Keep the syntax: replace one number, operator or name by another of its kind.
                scalars = Self.replaceToken(scalars, &random)
                scalars = Self.replaceToken(scalars, &random)
            } else {
                scalars = Self.mutateCharacters(scalars, &random)
            }
            var code = ""
            code.unicodeScalars.append(contentsOf: scalars)
            if case .ok = session.execute(code, cellName: "In[\(round)]", output: RecordingSink()) { succeeded += 1 }
            _ = session.complete(code, cursor: random.next(scalars.count + 1))
            _ = session.inspect(code, cursor: random.next(scalars.count + 1), detailLevel: 0)
            outcomes += 1
        }
        #expect(outcomes == 400)
        // Some mutations still run (so execution, not only parsing, is exercised).
        #expect(succeeded >= 40, "only \(succeeded) mutated programs ran")
    }

    static let numbers = ["0", "-1", "1e9", "0.5", "3", "1e-300"]
    static let operators: [Unicode.Scalar] = ["+", "-", "*", "/", "^", "@", "<", ">", "%"]
    static let names = ["s", "i", "x", "n", "t", "xs", "r", "w", "none", "range", "len", "f", "print"]

    static func replaceToken(_ scalars: [Unicode.Scalar], _ random: inout SplitMix) -> [Unicode.Scalar] {
        guard !scalars.isEmpty else { return scalars }
        var result = scalars
        let position = random.next(scalars.count)
        let scalar = scalars[position]
        if operators.contains(scalar) {
            result[position] = operators[random.next(operators.count)]
        } else if Completer.isDigit(scalar) || Completer.isIdentifier(scalar) {
            var start = position, end = position
            while start > 0, Completer.isIdentifier(scalars[start - 1]) || scalars[start - 1] == "." { start -= 1 }
            while end < scalars.count, Completer.isIdentifier(scalars[end]) || scalars[end] == "." { end += 1 }
            let pool = Completer.isDigit(scalars[start]) ? numbers : names
            result.replaceSubrange(start..<end, with: pool[random.next(pool.count)].unicodeScalars)
        }
        return result
    }

    static func mutateCharacters(_ input: [Unicode.Scalar], _ random: inout SplitMix) -> [Unicode.Scalar] {
        var scalars = input
        for _ in 0..<(1 + random.next(3)) {
            let position = random.next(scalars.count + 1)
            switch random.next(4) {
            case 0 where !scalars.isEmpty:
                scalars.remove(at: min(position, scalars.count - 1))
            case 1:
                let fragment = Self.fragments[random.next(Self.fragments.count)]
                scalars.insert(contentsOf: fragment.unicodeScalars, at: position)
            case 2 where scalars.count > 2:
                let other = random.next(scalars.count)
                let index = min(position, scalars.count - 1)
                scalars.swapAt(index, other)
            default:
                let start = random.next(scalars.count + 1)
                let end = min(scalars.count, start + random.next(8))
                scalars.insert(contentsOf: scalars[start..<end], at: min(position, scalars.count))
            }
        }
        return scalars
    }
}

/// A small deterministic generator for fuzzing.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(_ bound: Int) -> Int {
        guard bound > 0 else { return 0 }
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}

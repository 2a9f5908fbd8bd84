import Testing
@testable import Lang

@Suite struct MagicTests {
    @Test func timePrintsWallTimeAndKeepsTheValue() {
        let s = TestSession()
        #expect(s.run("%time 1 + 2") == "3")
        #expect(s.sink.stdout.hasPrefix("Wall time: "))
        #expect(s.run("%time x = 5") == "")
        #expect(s.run("x") == "5")
    }

    @Test func timeitReportsMedian() {
        let s = TestSession()
        let printed = s.printed("%timeit y = 1 + 1")
        #expect(printed.contains(" per loop (median of 5 runs, "))
        #expect(printed.hasSuffix(" loops each; fastest " + (printed.components(separatedBy: "fastest ").last ?? "")))
    }

    @Test func resetForgetsVariablesButKeepsBuiltins() {
        let s = TestSession()
        s.run("a = 1\nlen = 5")
        s.run("%reset")
        #expect(s.run("a") == "NameError: name 'a' is not defined")
        #expect(s.run("len([\"x\"])") == "1")
        s.run("b = 2")
        s.session.reset()
        #expect(s.session.variableNames == [])
    }

    @Test func seedCallsTheSeedBuiltin() {
        let seeds = SeedLog()
        let registry = BuiltinRegistry(groups: BuiltinRegistry.allGroups + [
            BuiltinGroup(title: "Test", builtins: [
                Builtin("seed", [.required("n")], summary: "Seed.") { args, _ in
                    seeds.values.append(try args.integer("n"))
                    return .none
                },
            ]),
        ])
        let session = Session(registry: registry)
        _ = session.execute("%seed 7", cellName: "In[1]", output: RecordingSink())
        #expect(seeds.values == [7])
        guard case .error(_, let message, _) = session.execute("%seed x", cellName: "In[2]", output: RecordingSink()) else {
            Issue.record("expected an error")
            return
        }
        #expect(message == "%seed takes a whole number, e.g. %seed 0")
    }

    @Test func formatMagicValues() {
        let s = TestSession()
        for format in FigureFormat.allCases {
            #expect(s.run("%format \(format.rawValue)") == "")
            #expect(s.session.options.figureFormat == format)
        }
    }

    @Test func timingFormat() {
        #expect(MagicTiming.format(seconds: 1.5) == "1.50 s")
        #expect(MagicTiming.format(seconds: 0.0123) == "12.3 ms")
        #expect(MagicTiming.format(seconds: 0.000456) == "456 µs")
        #expect(MagicTiming.format(seconds: 7e-8) == "70.0 ns")
    }
}

final class SeedLog: @unchecked Sendable {
    var values: [Int] = []
}

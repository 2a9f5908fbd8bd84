import Testing
@testable import Lang

/// A figure-like object for display tests: its bundle follows `%format`.
final class FakeFigure: LangObject {
    var typeName: String { "figure" }
    var textForm: String { "<figure>" }
    func richBundle(format: FigureFormat) -> RichBundle? {
        var entries: [RichBundle.Entry] = []
        if format.includesSVG { entries.append(.init(mimeType: "image/svg+xml", content: "<svg/>")) }
        if format.includesPNG { entries.append(.init(mimeType: "image/png", content: "iVBOR")) }
        entries.append(.init(mimeType: "text/plain", content: textForm))
        return RichBundle(entries: entries)
    }
}

extension BuiltinRegistry {
    /// The default groups plus a `fake_figure()` builtin.
    static var withFakeFigure: BuiltinRegistry {
        BuiltinRegistry(groups: BuiltinRegistry.allGroups + [
            BuiltinGroup(title: "Test", builtins: [
                Builtin("fake_figure", summary: "A figure for tests.") { _, _ in .object(FakeFigure()) },
            ]),
        ])
    }
}

@Suite struct DisplayTests {
    func outcome(_ session: Session, _ code: String, sink: RecordingSink = RecordingSink()) -> CellOutcome {
        session.execute(code, cellName: "In[1]", output: sink)
    }

    @Test("the last expression is the result unless none or ;", arguments: [
        ("x = 1", nil),
        ("1\n2", "2"),
        ("2;", nil),
        ("print(1)", nil),
        ("none", nil),
        ("fn f() = 3", nil),
        ("if true { 5 }", "5"),
        ("if false { 5 }", nil),
        ("3.0", "3"),
        ("-0.5", "-0.5"),
        ("1 / 0.0001", "10000"),
    ] as [(String, String?)])
    func resultRule(code: String, expected: String?) {
        guard case .ok(let result, _) = outcome(Session(), code) else {
            Issue.record("cell failed")
            return
        }
        #expect(result?["text/plain"] == expected)
    }

    @Test func figureBundleFollowsFormatMagic() {
        let session = Session(registry: .withFakeFigure)
        guard case .ok(let both?, _) = outcome(session, "fake_figure()") else { Issue.record("no result"); return }
        #expect(both.entries.map(\.mimeType) == ["image/svg+xml", "image/png", "text/plain"])
        _ = outcome(session, "%format png")
        guard case .ok(let png?, _) = outcome(session, "fake_figure()") else { Issue.record("no result"); return }
        #expect(png.entries.map(\.mimeType) == ["image/png", "text/plain"])
        #expect(session.options.figureFormat == .png)
    }

    @Test func displayShowAndClearPublish() {
        let session = Session(registry: .withFakeFigure)
        let sink = RecordingSink()
        _ = outcome(session, "display(1, \"a\")\nshow(fake_figure())\nclear_output(wait=true)", sink: sink)
        #expect(sink.displays.map { $0.0["text/plain"] } == ["1", "\"a\"", "<figure>"])
        #expect(sink.displays[2].0["image/svg+xml"] == "<svg/>")
        #expect(sink.clears == [true])
    }

    @Test func printAndEprintGoToTheirStreams() {
        let sink = RecordingSink()
        _ = outcome(Session(), "print(\"out\")\neprint(\"err\", 2)", sink: sink)
        #expect(sink.stdout == "out\n")
        #expect(sink.stderr == "err 2\n")
    }

    @Test func inputReadsFromTheSink() {
        let sink = RecordingSink()
        sink.inputs = ["42"]
        let session = Session()
        guard case .ok(let result?, _) = outcome(session, "name = input(\"age? \")\nname", sink: sink) else {
            Issue.record("failed")
            return
        }
        #expect(result["text/plain"] == "\"42\"")
        #expect(sink.prompts == ["age? "])
        guard case .error(let kind, let message, _) = outcome(session, "input()", sink: sink) else {
            Issue.record("expected an error")
            return
        }
        #expect(kind == "ValueError")
        #expect(message == "no input")
    }

    @Test func helpMakesAPage() {
        guard case .ok(nil, let pages) = outcome(Session(), "?len") else { Issue.record("failed"); return }
        #expect(pages.first?["text/plain"] == """
        len(value)

        The number of items of a list, string, record or range, or the first size of a tensor.
        """)
        guard case .ok(nil, let pages2) = outcome(Session(), "help(range)") else { Issue.record("failed"); return }
        #expect(pages2.first?["text/plain"]?.hasPrefix("range(start, stop=none, step=1)\n\nThe numbers start") == true)
    }

    @Test func helpOnUserFunctionAndMember() {
        let session = Session()
        _ = outcome(session, "fn area(w, h=2) = w * h")
        guard case .ok(_, let pages) = outcome(session, "?area") else { Issue.record("failed"); return }
        #expect(pages.first?["text/plain"] == "area(w, h=2)\n\nA function defined in In[1], line 1.")
        _ = outcome(session, "xs = []")
        guard case .ok(_, let memberPages) = outcome(session, "?xs.append") else { Issue.record("failed"); return }
        #expect(memberPages.first?["text/plain"] == "list.append(item)\n\nAdd an item at the end of the list.")
    }

    @Test func whoListsUserVariablesOnly() {
        let s = TestSession()
        s.run("b = 1\na = \"x\"\nfn f() = 1")
        #expect(s.printed("who()") == "b\tnumber\na\tstring\nf\tfunction\n")
        #expect(s.printed("%who") == "a\tb\tf\n")
        s.run("print = 3")
        #expect(s.session.variableNames == ["a", "b", "f", "print"])
    }

    @Test func numberFormatting() {
        #expect(Value.format(3) == "3")
        #expect(Value.format(-2.5) == "-2.5")
        #expect(Value.format(1e16) == "1e+16")
        #expect(Value.format(.nan) == "nan")
        #expect(Value.format(-.infinity) == "-inf")
        #expect(Value.quote("a\"b\\\n") == "\"a\\\"b\\\\\\n\"")
    }
}

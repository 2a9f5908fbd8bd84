import Testing
@testable import Lang

@Suite struct CompletionTests {
    /// A session with the core groups only, so engine builtins do not change the matches.
    func session(_ setup: String = "") -> Session {
        let session = Session(registry: BuiltinRegistry(groups: [CoreBuiltins.group, CollectionBuiltins.group]))
        if !setup.isEmpty { _ = session.execute(setup, cellName: "In[1]", output: RecordingSink()) }
        return session
    }

    @Test func namesBuiltinsAndKeywordsByPrefix() {
        let s = session("learning_rate = 0.1\nlens = [\"a\"]")
        let result = s.complete("le", cursor: 2)
        #expect(result.texts == ["learning_rate", "len", "lens"])
        #expect(result.matches.map(\.kind) == ["variable", "function", "variable"])
        #expect(result.start == 0 && result.end == 2)
        #expect(s.complete("x = wh", cursor: 6).texts == ["while", "who"])
        #expect(s.complete("x = wh", cursor: 6).start == 4)
    }

    @Test func membersAfterDot() {
        let s = session("xs = []\nr = {lr: 0.1, loss: 2}")
        #expect(s.complete("xs.ap", cursor: 5).texts == ["append"])
        #expect(s.complete("xs.ap", cursor: 5).start == 3)
        #expect(s.complete("r.l", cursor: 3).texts == ["loss", "lr"])
        #expect(s.complete("\"a\".up", cursor: 6).texts == ["upper"])
        #expect(s.complete("xs.", cursor: 3).texts.contains("pop"))
    }

    @Test func membersNeverRunCalls() {
        let s = session("n = 0\nfn bump() { n = 1\n [] }")
        #expect(s.complete("bump().ap", cursor: 9).texts == [])
    }

    @Test func namedArgumentsInsideACall() {
        let s = session("fn train(model, lr=0.1, epochs=10) = 1")
        let result = s.complete("train(m, l", cursor: 10)
        #expect(result.texts.first == "lr=")
        #expect(result.matches.first?.kind == "parameter")
        #expect(result.start == 9)
        #expect(s.complete("print(1, se", cursor: 11).texts.first == "sep=")
        #expect(s.complete("xs = []\nxs.insert(0, it", cursor: 19).texts == [])
    }

    @Test func unicodeCursorCountsScalars() {
        let s = session("größe = 3")
        let code = "é = 1; grö"
        let result = s.complete(code, cursor: code.unicodeScalars.count)
        #expect(result.texts == ["größe"])
        #expect(result.start == 7)
    }

    @Test func nothingInsideStringsOrComments() {
        let s = session()
        #expect(s.complete("print(\"le", cursor: 9).texts == [])
        #expect(s.complete("# le", cursor: 4).texts == [])
    }

    @Test func magicsAfterPercent() {
        #expect(session().complete("%ti", cursor: 3).texts == ["time", "timeit"])
    }

    @Test func inspectBuiltinsVariablesAndMembers() {
        let s = session("xs = [\"a\"]\nfn f(a) = a")
        #expect(s.inspect("len(xs)", cursor: 1, detailLevel: 0)?["text/plain"]?.hasPrefix("len(value)\n\n") == true)
        #expect(s.inspect("len(xs)", cursor: 5, detailLevel: 0)?["text/plain"] == "xs: list\n\n1 item\n[\"a\"]")
        #expect(s.inspect("xs.append", cursor: 6, detailLevel: 0)?["text/plain"] == "list.append(item)\n\nAdd an item at the end of the list.")
        #expect(s.inspect("f(", cursor: 2, detailLevel: 0)?["text/plain"] == "f(a)\n\nA function defined in In[1], line 2.")
        #expect(s.inspect("nothing_here", cursor: 3, detailLevel: 0) == nil)
        #expect(s.inspect("for", cursor: 1, detailLevel: 0)?["text/plain"] == "for: a keyword of the language")
        #expect(s.inspect("f", cursor: 1, detailLevel: 2)?["text/plain"] == "f(a)\n\nA function defined in In[1], line 2.\n\nfn f(a) = a")
    }

    @Test func inspectRecordFieldsAndPropertiesWithoutCalls() {
        let s = session("r = {lr: 0.5}")
        #expect(s.inspect("r.lr", cursor: 3, detailLevel: 0)?["text/plain"] == "lr: number\n\n0.5")
        #expect(s.inspect("g().lr", cursor: 5, detailLevel: 0) == nil)
    }
}

import Testing
@testable import Kernel

@Suite struct HistoryStoreTests {
    @Test(arguments: [
        ("*", "anything", true),
        ("x = *", "x = 1", true),
        ("x = *", "y = 1", false),
        ("*fit*", "model.fit(data)", true),
        ("?", "ab", false),
        ("a?c", "abc", true),
        ("[ab]*", "banana", true),
        ("[!ab]*", "banana", false),
        ("[^ab]*", "cherry", true),
        ("[a-c]x", "bx", true),
        ("[a-c]x", "dx", false),
        ("A*", "a", false),
        ("*.*", "1.5", true),
        ("a*b*c", "aXbYc", true),
        ("a*b*c", "aXbY", false),
        ("", "", true),
        ("[", "[", true),
    ])
    func glob(_ pattern: String, _ text: String, _ expected: Bool) {
        #expect(Glob(pattern).matches(text) == expected)
    }

    static func store() -> HistoryStore {
        var store = HistoryStore()
        for (line, source) in ["x = 1", "y = 2", "x = 1", "print(x)", "x = 3"].enumerated() {
            store.append(line: line + 1, source: source, output: line == 3 ? "1" : nil)
        }
        return store
    }

    @Test func tailRangeSearch() {
        let store = Self.store()
        #expect(store.tail(2).map(\.line) == [4, 5])
        #expect(store.range(session: 0, start: 2, stop: 4).map(\.line) == [2, 3])
        #expect(store.range(session: 1, start: 4, stop: nil).map(\.line) == [4, 5])
        #expect(store.range(session: 7, start: 1, stop: nil).isEmpty)
        #expect(store.search(pattern: "x = *", n: nil, unique: false).map(\.line) == [1, 3, 5])
        #expect(store.search(pattern: "x = *", n: nil, unique: true).map(\.line) == [3, 5])
        #expect(store.search(pattern: "x = *", n: 1, unique: false).map(\.line) == [5])
    }

    @Test func replyShapes() {
        let store = Self.store()
        #expect(store.reply(to: ["hist_access_type": "tail", "n": 1, "output": false])
            == ["status": "ok", "history": [[1, 5, "x = 3"]]])
        #expect(store.reply(to: ["hist_access_type": "range", "session": 0, "start": 4, "stop": 5, "output": true])
            == ["status": "ok", "history": [[1, 4, ["print(x)", "1"]]]])
        #expect(store.reply(to: ["hist_access_type": "search", "pattern": "print*", "output": false])
            == ["status": "ok", "history": [[1, 4, "print(x)"]]])
    }
}

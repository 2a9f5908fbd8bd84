import Testing
@testable import Kernel

@Suite struct ReplyContentTests {
    @Test func completeReplyHasTypedMatches() {
        let reply = ReplyContent.complete(Completion(
            matches: [.init(text: "relu", type: "function"), .init(text: "range", type: "keyword")],
            cursorStart: 4, cursorEnd: 5))
        #expect(reply == [
            "status": "ok", "matches": ["relu", "range"], "cursor_start": 4, "cursor_end": 5,
            "metadata": ["_jupyter_types_experimental": [
                ["start": 4, "end": 5, "text": "relu", "type": "function"],
                ["start": 4, "end": 5, "text": "range", "type": "keyword"],
            ]],
        ])
    }

    @Test func inspectAndIsComplete() {
        #expect(ReplyContent.inspect(nil) == ["status": "ok", "found": false, "data": [:], "metadata": [:]])
        let bundle = MimeBundle(entries: [.init(mimeType: "text/plain", content: "help")],
                                metadata: ["image/png": ["width": 3]])
        #expect(ReplyContent.inspect(bundle) == [
            "status": "ok", "found": true, "data": ["text/plain": "help"],
            "metadata": ["image/png": ["width": 3]],
        ])
        #expect(ReplyContent.isComplete(.incomplete(indent: "  ")) == ["status": "incomplete", "indent": "  "])
        #expect(ReplyContent.isComplete(.invalid) == ["status": "invalid"])
    }

    @Test func displayAndPayload() {
        #expect(ReplyContent.display(.plainText("a"), id: "d1") == [
            "data": ["text/plain": "a"], "metadata": [:], "transient": ["display_id": "d1"],
        ])
        #expect(ReplyContent.payloads([.page(.plainText("doc"))])
            == [["source": "page", "data": ["text/plain": "doc"], "start": 0]])
    }

    @Test func kernelInfo() {
        let info = LanguageInfo(
            name: "swift-nn", version: "0.1", mimeType: "text/x-swift-nn", fileExtension: ".snn",
            pygmentsLexer: "python", implementation: "swift-nn", implementationVersion: "0.1.0",
            banner: "Swift-NN", helpLinks: [(text: "Docs", url: "https://example.org")])
        let reply = ReplyContent.kernelInfo(info)
        #expect(reply["protocol_version"] == "5.4")
        #expect(reply["status"] == "ok")
        #expect(reply["language_info"] == [
            "name": "swift-nn", "version": "0.1", "mimetype": "text/x-swift-nn",
            "file_extension": ".snn", "pygments_lexer": "python",
        ])
        #expect(reply["help_links"] == [["text": "Docs", "url": "https://example.org"]])
    }
}

@Suite struct ConnectionInfoTests {
    static let file: JSONValue = [
        "transport": "tcp", "ip": "127.0.0.1", "shell_port": 5001, "iopub_port": 5002,
        "stdin_port": 5003, "control_port": 5004, "hb_port": 5005, "key": "abc",
        "signature_scheme": "hmac-sha256", "kernel_name": "swift-nn",
    ]

    @Test func parses() throws {
        let info = try ConnectionInfo(json: Self.file)
        #expect(info == ConnectionInfo(shellPort: 5001, iopubPort: 5002, stdinPort: 5003,
                                       controlPort: 5004, heartbeatPort: 5005, key: "abc"))
        #expect(info.endpoint(port: 5001) == "tcp://127.0.0.1:5001")
        #expect(info.endpoint(port: 0) == "tcp://127.0.0.1:*")
    }

    @Test func errors() {
        var missing = Self.file.objectValue ?? [:]
        missing["hb_port"] = nil
        #expect(throws: ConnectionError.missingField("hb_port")) { try ConnectionInfo(json: .object(missing)) }
        var scheme = Self.file.objectValue ?? [:]
        scheme["signature_scheme"] = "hmac-md5"
        #expect(throws: ConnectionError.unsupportedSignatureScheme("hmac-md5")) {
            try ConnectionInfo(json: .object(scheme))
        }
        #expect(ConnectionError.unsupportedSignatureScheme("hmac-md5").description
            == "unsupported signature scheme \"hmac-md5\" (use hmac-sha256)")
        #expect(throws: ConnectionError.self) { try ConnectionInfo(contentsOf: "/nonexistent/connection.json") }
    }
}

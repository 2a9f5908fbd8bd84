import Foundation
import Testing
@testable import Kernel

/// Hands the server to the thread that runs it (it is used there only).
private final class ServerBox: @unchecked Sendable {
    let server: KernelServer
    init(server: KernelServer) { self.server = server }
}

/// End-to-end: a real `KernelServer` on 127.0.0.1 with random ports, driven by `TestClient`.
@Suite struct KernelServerTests {
    /// A running server, its interpreter and a connected client.
    final class Harness {
        let interpreter = EchoInterpreter()
        let server: KernelServer
        let client: TestClient
        let stopped = DispatchSemaphore(value: 0)

        init(key: String = "secret-key", handlesSignal: Bool = false) throws {
            server = try KernelServer(
                connection: ConnectionInfo(key: key), interpreter: interpreter,
                options: .init(handlesInterruptSignal: handlesSignal, exitDeadline: nil))
            let box = ServerBox(server: server)
            let stopped = self.stopped
            let thread = Thread {
                do { try box.server.run() } catch { KernelLog.line("test server: \(error)") }
                stopped.signal()
            }
            thread.start()
            client = try TestClient(connection: server.connection, key: key)
            try client.waitUntilReady()
        }

        /// Shuts the kernel down over control; true if `run()` returned.
        func shutdown() throws -> Bool {
            let request = try client.send(.control, "shutdown_request", ["restart": false])
            let reply = try client.reply(.control)
            #expect(reply.msgType == "shutdown_reply")
            #expect(reply.parentHeader["msg_id"]?.stringValue == request.msgId)
            return stopped.wait(timeout: .now() + 5) == .success
        }

        /// Runs `code` and returns the reply and the iopub messages of the request.
        func execute(_ code: String, _ extra: [String: JSONValue] = [:]) throws -> (WireMessage, [WireMessage]) {
            var content: [String: JSONValue] = [
                "code": .string(code), "silent": false, "store_history": true,
                "user_expressions": [:], "allow_stdin": false, "stop_on_error": true,
            ]
            content.merge(extra) { _, new in new }
            let request = try client.send(.shell, "execute_request", .object(content))
            let reply = try client.reply(.shell)
            return (reply, try client.iopubMessages(for: request))
        }
    }

    @Test func kernelInfoOnShellAndControl() throws {
        let h = try Harness()
        for channel in [TestClient.Channel.shell, .control] {
            let request = try h.client.send(channel, "kernel_info_request", [:])
            let reply = try h.client.reply(channel)
            #expect(reply.msgType == "kernel_info_reply")
            #expect(reply.content["protocol_version"] == "5.4")
            #expect(reply.content["language_info"]?["name"] == "echo")
            #expect(reply.content["banner"] == "Echo kernel")
            let statuses = try h.client.iopubMessages(for: request).map { $0.content["execution_state"] }
            #expect(statuses == ["busy", "idle"])
        }
        #expect(try h.shutdown())
    }

    @Test func executePublishesInOrder() throws {
        let h = try Harness()
        let (reply, iopub) = try h.execute("1 + 1")
        #expect(reply.content["status"] == "ok")
        #expect(reply.content["execution_count"] == 1)
        #expect(iopub.map(\.msgType) == [
            "status", "execute_input", "stream", "display_data", "update_display_data",
            "clear_output", "execute_result", "status",
        ])
        #expect(iopub.first?.content["execution_state"] == "busy")
        #expect(iopub[1].content == ["code": "1 + 1", "execution_count": 1])
        #expect(iopub[2].content == ["name": "stdout", "text": "out: 1 + 1\n"])
        #expect(iopub[3].content["transient"] == ["display_id": "d1"])
        #expect(iopub[4].content["data"] == ["text/plain": "updated"])
        #expect(iopub[5].content == ["wait": true])
        #expect(iopub[6].content == ["execution_count": 1, "data": ["text/plain": "1 + 1"], "metadata": [:]])
        let (second, _) = try h.execute("page")
        #expect(second.content["execution_count"] == 2)
        #expect(second.content["payload"] == [["source": "page", "data": ["text/plain": "the docs"], "start": 0]])
        #expect(try h.shutdown())
    }

    @Test func userExpressionsAreEvaluatedAfterASuccessfulCell() throws {
        let h = try Harness()
        let expressions: JSONValue = ["a": "x + 1", "b": "bad", "c": 3]
        let (reply, _) = try h.execute("x", ["user_expressions": expressions])
        let results = reply.content["user_expressions"]
        #expect(results?["a"] == ["status": "ok", "data": ["text/plain": "value of x + 1"], "metadata": [:]])
        #expect(results?["b"] == [
            "status": "error", "ename": "EchoError", "evalue": "bad expression",
            "traceback": ["EchoError: bad expression"],
        ])
        #expect(results?["c"]?["ename"] == "TypeError")
        let (failed, _) = try h.execute("fail", ["user_expressions": expressions])
        #expect(failed.content["user_expressions"] == [:])
        #expect(try h.shutdown())
    }

    @Test func silentPublishesNothingAndDoesNotCount() throws {
        let h = try Harness()
        let (reply, iopub) = try h.execute("x", ["silent": true])
        #expect(reply.content["execution_count"] == 0)
        #expect(iopub.map { $0.content["execution_state"] } == ["busy", "idle"])
        let (next, _) = try h.execute("y")
        #expect(next.content["execution_count"] == 1)
        #expect(try h.shutdown())
    }

    @Test func forgedAndReplayedMessagesAreNotExecuted() throws {
        let h = try Harness()
        let forger = MessageCodec(key: Array("wrong".utf8))
        try h.client.sendRaw(.shell, forger.encode(msgType: "execute_request", content: ["code": "forged"], parent: nil))
        let genuine = h.client.codec.encode(msgType: "execute_request", content: ["code": "real"], parent: nil)
        try h.client.sendRaw(.shell, genuine)
        let reply = try h.client.reply(.shell)
        #expect(reply.content["execution_count"] == 1)
        try h.client.sendRaw(.shell, genuine)  // replay
        try h.client.sendRaw(.shell, [Array("garbage".utf8)])  // malformed
        let (after, _) = try h.execute("after")
        #expect(after.content["execution_count"] == 2)
        #expect(try h.shutdown())
        #expect(h.interpreter.executed == ["real", "after"])
    }

    @Test func errorAbortsQueuedExecutes() throws {
        let h = try Harness()
        let first = try h.client.send(.shell, "execute_request", ["code": "slowfail", "stop_on_error": true])
        // Two more are queued while `slowfail` runs (it takes 200 ms); both must be aborted.
        try h.client.send(.shell, "execute_request", ["code": "a"])
        try h.client.send(.shell, "execute_request", ["code": "b"])
        let failed = try h.client.reply(.shell)
        #expect(failed.parentHeader["msg_id"]?.stringValue == first.msgId)
        #expect(failed.content["status"] == "error")
        #expect(failed.content["ename"] == "EchoError")
        #expect(failed.content["evalue"] == "asked to fail")
        #expect(failed.content["traceback"] == ["EchoError: asked to fail"])
        let errors = try h.client.iopubMessages(for: first).filter { $0.msgType == "error" }
        #expect(errors.map(\.content["ename"]) == ["EchoError"])
        let statuses = [try h.client.reply(.shell), try h.client.reply(.shell)].map { $0.content["status"] }
        #expect(statuses == ["aborted", "aborted"])
        let (later, _) = try h.execute("later")
        #expect(later.content["status"] == "ok")
        #expect(try h.shutdown())
        #expect(h.interpreter.executed == ["slowfail", "later"])
    }

    @Test func requestsOtherThanExecute() throws {
        let h = try Harness()
        _ = try h.execute("x = 1")
        _ = try h.execute("y = 2")
        let cases: [(String, JSONValue, String, JSONValue)] = [
            ("complete_request", ["code": "é ex", "cursor_pos": 4], "complete_reply",
             ["status": "ok", "matches": ["exit"], "cursor_start": 2, "cursor_end": 4,
              "metadata": ["_jupyter_types_experimental": [["start": 2, "end": 4, "text": "exit", "type": "function"]]]]),
            ("inspect_request", ["code": "x", "cursor_pos": 1, "detail_level": 0], "inspect_reply",
             ["status": "ok", "found": true, "data": ["text/plain": "about x"], "metadata": [:]]),
            ("is_complete_request", ["code": "for i:"], "is_complete_reply", ["status": "incomplete", "indent": "    "]),
            ("history_request", ["hist_access_type": "tail", "n": 10, "output": false, "raw": true], "history_reply",
             ["status": "ok", "history": [[1, 1, "x = 1"], [1, 2, "y = 2"]]]),
            ("history_request", ["hist_access_type": "search", "pattern": "y*", "output": false, "raw": true, "unique": true],
             "history_reply", ["status": "ok", "history": [[1, 2, "y = 2"]]]),
            ("comm_info_request", [:], "comm_info_reply", ["status": "ok", "comms": [:]]),
        ]
        for (type, content, replyType, expected) in cases {
            let request = try h.client.send(.shell, type, content)
            let reply = try h.client.reply(.shell)
            #expect(reply.msgType == replyType)
            #expect(reply.content == expected)
            let statuses = try h.client.iopubMessages(for: request).map { $0.content["execution_state"] }
            #expect(statuses == ["busy", "idle"])
        }
        let open = try h.client.send(.shell, "comm_open", ["comm_id": "c1", "target_name": "nothing", "data": [:]])
        let messages = try h.client.iopubMessages(for: open)
        #expect(messages.map(\.msgType) == ["status", "comm_close", "status"])
        #expect(messages[1].content == ["comm_id": "c1", "data": [:]])
        #expect(try h.shutdown())
    }

    @Test func inputGoesThroughStdin() throws {
        let h = try Harness()
        let request = try h.client.send(.shell, "execute_request", ["code": "ask", "allow_stdin": true])
        let ask = try h.client.reply(.stdin)
        #expect(ask.msgType == "input_request")
        #expect(ask.content == ["prompt": "name? ", "password": false])
        try h.client.send(.stdin, "input_reply", ["value": "Ada"], parent: ask)
        let reply = try h.client.reply(.shell)
        #expect(reply.content["status"] == "ok")
        let result = try h.client.iopubMessages(for: request).first { $0.msgType == "execute_result" }
        #expect(result?.content["data"] == ["text/plain": "hello Ada"])
        let (denied, _) = try h.execute("ask")  // allow_stdin false
        #expect(denied.content["evalue"] == .string(InputError.notAllowed.description))
        #expect(try h.shutdown())
    }

    @Test func interruptOnControlStopsTheCell() throws {
        let h = try Harness()
        let spin = try h.client.send(.shell, "execute_request", ["code": "spin", "stop_on_error": false])
        try h.client.waitForIOPub("execute_input", of: spin)
        // kernel_info on control is answered while the cell runs.
        try h.client.send(.control, "kernel_info_request", [:])
        #expect(try h.client.reply(.control).msgType == "kernel_info_reply")
        try h.client.send(.control, "interrupt_request", [:])
        let interruptReply = try h.client.reply(.control)
        #expect(interruptReply.msgType == "interrupt_reply")
        #expect(interruptReply.content == ["status": "ok"])
        let reply = try h.client.reply(.shell)
        #expect(reply.content["ename"] == "Interrupted")
        #expect(h.interpreter.interruptCount.load(ordering: .sequentiallyConsistent) == 1)
        #expect(try h.shutdown())
    }

    @Test func sigintInterruptsTheCell() throws {
        let h = try Harness(handlesSignal: true)
        let spin = try h.client.send(.shell, "execute_request", ["code": "spin", "stop_on_error": false])
        try h.client.waitForIOPub("execute_input", of: spin)
        kill(getpid(), SIGINT)
        let reply = try h.client.reply(.shell)
        #expect(reply.content["ename"] == "Interrupted")
        #expect(try h.shutdown())
    }

    @Test func heartbeatEchoes() throws {
        let h = try Harness()
        try h.client.heartbeat.send([Array("ping".utf8)])
        #expect(try ZMQSocket.poll([h.client.heartbeat], timeoutMilliseconds: 5000)[0])
        #expect(try h.client.heartbeat.receive(wait: false) == [Array("ping".utf8)])
        #expect(try h.shutdown())
    }
}

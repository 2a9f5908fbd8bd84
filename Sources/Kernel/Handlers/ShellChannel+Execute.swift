// execute_request: execute_input, the cell's outputs, execute_result or error on iopub, then
// execute_reply. After an error with `stop_on_error`, execute_requests already queued are
// answered "aborted" without running, as ipykernel does.

extension ShellChannel {
    /// Runs (or aborts) one execute_request and replies to it.
    func execute(_ request: WireMessage) {
        let content = request.content
        if aborting {
            reply("execute_reply", ["status": "aborted", "execution_count": .int(executionCount)], to: request)
            return
        }
        let code = content["code"]?.stringValue ?? ""
        let silent = content["silent"]?.boolValue ?? false
        let storeHistory = !silent && (content["store_history"]?.boolValue ?? true)
        let allowStdin = content["allow_stdin"]?.boolValue ?? false
        let stopOnError = content["stop_on_error"]?.boolValue ?? true

        if storeHistory { executionCount += 1 }
        let count = executionCount  // the new count, or the last one when not counted
        if !silent {
            iopub.publish("execute_input", ["code": .string(code), "execution_count": .int(count)], parent: request)
        }
        state.interruptPending.store(false, ordering: .sequentiallyConsistent)
        let context = RequestContext(
            iopub: iopub, stdin: stdin, parent: request, silent: silent, allowStdin: allowStdin)
        let outcome = interpreter.execute(
            ExecuteRequest(code: code, silent: silent, allowStdin: allowStdin, executionCount: count),
            context: context)

        switch outcome {
        case .ok(let result, let payloads):
            if let result, !silent {
                iopub.publish("execute_result", [
                    "execution_count": .int(count),
                    "data": ReplyContent.data(result),
                    "metadata": ReplyContent.metadata(result),
                ], parent: request)
            }
            if storeHistory { history.append(line: count, source: code, output: result?["text/plain"]) }
            reply("execute_reply", [
                "status": "ok",
                "execution_count": .int(count),
                "payload": ReplyContent.payloads(payloads),
                "user_expressions": evaluate(userExpressions: content["user_expressions"]),
            ], to: request)
        case .error(let name, let value, let traceback):
            let error = ReplyContent.error(name: name, value: value, traceback: traceback)
            if !silent { iopub.publish("error", .object(error), parent: request) }
            if storeHistory { history.append(line: count, source: code, output: nil) }
            var replyContent = error
            replyContent["status"] = "error"
            replyContent["execution_count"] = .int(count)
            replyContent["user_expressions"] = [:]  // not evaluated after an error, as in ipykernel
            if stopOnError && !silent { abortQueuedRequests() }
            reply("execute_reply", .object(replyContent), to: request)
        }
    }

    /// The `user_expressions` of a reply: each expression evaluated after the cell ran, as
    /// ipykernel does (only when the cell succeeded). A value that is not a string is an error
    /// for that name alone.
    private func evaluate(userExpressions: JSONValue?) -> JSONValue {
        guard case .object(let expressions)? = userExpressions else { return [:] }
        var results: [String: JSONValue] = [:]
        for (name, source) in expressions {
            guard let code = source.stringValue else {
                results[name] = ReplyContent.userExpression(.error(
                    name: "TypeError", value: "user expression '\(name)' is not a string", traceback: []))
                continue
            }
            results[name] = ReplyContent.userExpression(interpreter.evaluate(expression: code))
        }
        return .object(results)
    }
}

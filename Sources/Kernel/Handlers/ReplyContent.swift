// The JSON content of replies and iopub messages, built from the seam's Swift values. Pure
// functions, so each message shape is testable without sockets.

/// Builders for message contents (messaging spec 5.4).
enum ReplyContent {
    /// `kernel_info_reply` for `info`.
    static func kernelInfo(_ info: LanguageInfo) -> JSONValue {
        var language: [String: JSONValue] = [
            "name": .string(info.name),
            "version": .string(info.version),
            "mimetype": .string(info.mimeType),
            "file_extension": .string(info.fileExtension),
        ]
        if let lexer = info.pygmentsLexer { language["pygments_lexer"] = .string(lexer) }
        if let mode = info.codemirrorMode { language["codemirror_mode"] = .string(mode) }
        return [
            "status": "ok",
            "protocol_version": .string(MessageHeader.protocolVersion),
            "implementation": .string(info.implementation),
            "implementation_version": .string(info.implementationVersion),
            "language_info": .object(language),
            "banner": .string(info.banner),
            "debugger": false,
            "help_links": .array(info.helpLinks.map { ["text": .string($0.text), "url": .string($0.url)] }),
        ]
    }

    /// The `data` object of a mime bundle.
    static func data(_ bundle: MimeBundle) -> JSONValue {
        .object(Dictionary(
            bundle.entries.map { ($0.mimeType, JSONValue.string($0.content)) },
            uniquingKeysWith: { first, _ in first }))
    }

    /// The `metadata` object of a mime bundle.
    static func metadata(_ bundle: MimeBundle) -> JSONValue {
        .object(bundle.metadata.mapValues { fields in .object(fields.mapValues { .int($0) }) })
    }

    /// One entry of a reply's `user_expressions`: a mime bundle with `status: ok`, or an error.
    static func userExpression(_ outcome: ExpressionOutcome) -> JSONValue {
        switch outcome {
        case .value(let bundle):
            return ["status": "ok", "data": data(bundle), "metadata": metadata(bundle)]
        case .error(let name, let value, let traceback):
            var content = error(name: name, value: value, traceback: traceback)
            content["status"] = "error"
            return .object(content)
        }
    }

    /// The fields of an error (`ename`, `evalue`, `traceback`), as the `error` message and
    /// error replies carry them.
    static func error(name: String, value: String, traceback: [String]) -> [String: JSONValue] {
        ["ename": .string(name), "evalue": .string(value), "traceback": .array(traceback.map { .string($0) })]
    }

    /// `display_data` / `update_display_data` content; `id` goes in `transient.display_id`.
    static func display(_ bundle: MimeBundle, id: String?) -> JSONValue {
        var content: [String: JSONValue] = ["data": data(bundle), "metadata": metadata(bundle)]
        content["transient"] = id.map { ["display_id": .string($0)] } ?? [:]
        return .object(content)
    }

    /// `complete_reply` for `completion`, with the experimental typed matches.
    static func complete(_ completion: Completion) -> JSONValue {
        let types = completion.matches.map { match -> JSONValue in
            [
                "start": .int(completion.cursorStart), "end": .int(completion.cursorEnd),
                "text": .string(match.text), "type": .string(match.type),
            ]
        }
        return [
            "status": "ok",
            "matches": .array(completion.matches.map { .string($0.text) }),
            "cursor_start": .int(completion.cursorStart),
            "cursor_end": .int(completion.cursorEnd),
            "metadata": ["_jupyter_types_experimental": .array(types)],
        ]
    }

    /// `inspect_reply`: found with the bundle, or not found with empty data.
    static func inspect(_ bundle: MimeBundle?) -> JSONValue {
        guard let bundle else { return ["status": "ok", "found": false, "data": [:], "metadata": [:]] }
        return ["status": "ok", "found": true, "data": data(bundle), "metadata": metadata(bundle)]
    }

    /// `is_complete_reply` for `completeness` (`indent` only when incomplete).
    static func isComplete(_ completeness: Completeness) -> JSONValue {
        switch completeness {
        case .complete: ["status": "complete"]
        case .incomplete(let indent): ["status": "incomplete", "indent": .string(indent)]
        case .invalid: ["status": "invalid"]
        case .unknown: ["status": "unknown"]
        }
    }

    /// The `payload` list of an `execute_reply`.
    static func payloads(_ payloads: [ExecutePayload]) -> JSONValue {
        .array(payloads.map { payload in
            switch payload {
            case .page(let bundle): ["source": "page", "data": data(bundle), "start": 0]
            }
        })
    }
}

extension Compiler {
    /// Compiles `?name` / `??name`: evaluates the name (or the receiver of a member chain, so
    /// nothing is called) and adds a help page.
    func compileHelp(_ request: HelpRequest, span: SourceSpan) throws -> Exec {
        let context = interpreter.context
        let text = request.text
        let detail = request.detailLevel
        let place = place(span)
        if case .member(let receiver, let name) = request.target.kind {
            let receiverEval = try compileExpr(receiver)
            let memberName = name.name
            return { frame in
                let value = try receiverEval(frame)
                let page: String
                if let member = context.registry.member(of: value.typeName, named: memberName) {
                    page = Inspector.help(member: member)
                } else {
                    let memberValue = try Compiler.locating(place) { try Members.get(value, memberName, context: context) }
                    page = Inspector.help(name: text, value: memberValue, detailLevel: detail)
                }
                context.page(.plainText(page))
                return .next
            }
        }
        let eval = try compileExpr(request.target)
        return { frame in
            let value = try eval(frame)
            context.page(.plainText(Inspector.help(name: text, value: value, detailLevel: detail)))
            return .next
        }
    }
}

/// A function written in the language: its parameters, compiled body and the frame of the
/// function that defined it (closures capture variables by reference through that frame).
public final class LangFunction {
    /// The declared name, or `<fn>` for an anonymous function.
    public let name: String
    /// The parameter names, in order.
    public let parameterNames: [String]
    /// The signature as written, e.g. `f(x, y=1)`.
    public let signature: String
    /// The number of parameters without a default.
    let requiredCount: Int
    /// Default value evaluators (nil for required parameters), run in the defining frame.
    let defaults: [EvalBox?]
    /// The number of local slots (parameters first).
    let slotCount: Int
    /// The compiled body.
    let body: (Frame) throws -> Flow
    /// The defining function's frame (nil at top level).
    let definingFrame: Frame?
    /// The frame to evaluate defaults in (the defining frame, or an empty top-level frame).
    let defaultsFrame: Frame
    /// Where it was defined.
    let place: SourcePlace

    init(
        name: String, parameterNames: [String], signature: String, requiredCount: Int,
        defaults: [EvalBox?], slotCount: Int, body: @escaping (Frame) throws -> Flow,
        definingFrame: Frame?, defaultsFrame: Frame, place: SourcePlace
    ) {
        self.name = name
        self.parameterNames = parameterNames
        self.signature = signature
        self.requiredCount = requiredCount
        self.defaults = defaults
        self.slotCount = slotCount
        self.body = body
        self.definingFrame = definingFrame
        self.defaultsFrame = defaultsFrame
        self.place = place
    }
}

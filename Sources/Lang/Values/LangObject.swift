/// Which image formats a figure's bundle carries (`%format svg|png|both`).
public enum FigureFormat: String, Sendable, CaseIterable {
    /// Only `image/svg+xml` (plus `text/plain`).
    case svg
    /// Only `image/png` (plus `text/plain`).
    case png
    /// Both images (the default).
    case both

    /// Whether SVG should be included.
    public var includesSVG: Bool { self != .png }
    /// Whether PNG should be included.
    public var includesPNG: Bool { self != .svg }
}

/// A value with members that the engine modules bring into the language: module (layer or
/// model), optimizer, scheduler, history, figure, dataset...
///
/// Members declared in the registry for `typeName` are found first (see `MemberSet`); an
/// object may also answer members dynamically with `member(named:)` and `setMember(_:to:)`.
public protocol LangObject: AnyObject {
    /// The kind, as `type(v)` shows it and as the registry keys members: `module`,
    /// `optimizer`, `figure`...
    var typeName: String { get }
    /// The text form, shown by `print` and as `text/plain`.
    var textForm: String { get }
    /// The rich form, or nil when the text form is all there is.
    /// - Parameter format: which image formats the session wants for figures.
    /// - Returns: a bundle (it should include `text/plain`).
    func richBundle(format: FigureFormat) -> RichBundle?
    /// Names of the members answered by `member(named:)`, for completion.
    var dynamicMemberNames: [String] { get }
    /// A member not declared in the registry (e.g. a history's `loss`), or nil.
    /// - Parameter name: the member name.
    /// - Returns: its value, or nil when there is no such member.
    /// - Throws: a `LangError` when reading fails.
    func member(named name: String) throws -> Value?
    /// Assigns a member (`opt.lr = 0.01`).
    /// - Parameters:
    ///   - name: the member name.
    ///   - value: the new value.
    /// - Returns: false when there is no assignable member of that name.
    /// - Throws: a `LangError` (e.g. TypeError) when the value does not fit.
    func setMember(_ name: String, to value: Value) throws -> Bool
}

extension LangObject {
    /// No rich form by default.
    public func richBundle(format: FigureFormat) -> RichBundle? { nil }
    /// No dynamic members by default.
    public var dynamicMemberNames: [String] { [] }
    /// No dynamic members by default.
    public func member(named name: String) throws -> Value? { nil }
    /// No assignable members by default.
    public func setMember(_ name: String, to value: Value) throws -> Bool { false }
}

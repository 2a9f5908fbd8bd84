/// One parameter of a builtin: its name and whether it is required, has a default, or
/// collects the remaining positional arguments.
public struct BuiltinParameter {
    /// How the parameter is filled.
    public enum Kind {
        /// The caller must pass it.
        case required
        /// It takes this value when not passed.
        case optional(Value)
        /// It collects every remaining positional argument (`print(values...)`).
        case variadic
    }

    /// The parameter's name (named arguments use it).
    public var name: String
    /// How it is filled.
    public var kind: Kind

    /// Creates a parameter.
    /// - Parameters:
    ///   - name: the name.
    ///   - kind: how it is filled.
    public init(_ name: String, _ kind: Kind) {
        self.name = name
        self.kind = kind
    }

    /// A required parameter.
    /// - Parameter name: the name.
    /// - Returns: the parameter.
    public static func required(_ name: String) -> BuiltinParameter { .init(name, .required) }
    /// A parameter with a default value.
    /// - Parameters:
    ///   - name: the name.
    ///   - value: the default.
    /// - Returns: the parameter.
    public static func optional(_ name: String, _ value: Value) -> BuiltinParameter {
        .init(name, .optional(value))
    }
    /// A parameter collecting the remaining positional arguments.
    /// - Parameter name: the name.
    /// - Returns: the parameter.
    public static func variadic(_ name: String) -> BuiltinParameter { .init(name, .variadic) }

    /// The parameter as a signature shows it: `lr=0.001`, `values...`, `params`.
    public var signatureText: String {
        switch kind {
        case .required: name
        case .optional(let value): "\(name)=\(value.reprText)"
        case .variadic: "\(name)..."
        }
    }
}

/// A builtin function or method, declared once: name, parameters, documentation and
/// implementation. Dispatch, `help`, completion, inspect and the docs all read it.
public final class Builtin {
    /// The name, as the user calls it (`print`, `sum`).
    public let name: String
    /// For a member, the kind it belongs to (`tensor`); nil for a plain builtin.
    public internal(set) var owner: String?
    /// The parameters (for a method, not counting the receiver).
    public let parameters: [BuiltinParameter]
    /// The one-line summary.
    public let summary: String
    /// A longer description (may be empty).
    public let details: String
    /// The implementation, given bound arguments and the session's context.
    public let implementation: (Arguments, BuiltinContext) throws -> Value

    /// Index of the variadic parameter, if any.
    let variadicIndex: Int?

    /// Declares a builtin.
    /// - Parameters:
    ///   - name: the name users call.
    ///   - parameters: the parameters, in order (at most one variadic).
    ///   - summary: a one-line description.
    ///   - details: a longer description, examples welcome.
    ///   - implementation: the body; it receives arguments already checked against the
    ///     parameters (defaults filled in) and throws a `LangError` (or an engine error) on
    ///     bad values.
    public init(
        _ name: String, _ parameters: [BuiltinParameter] = [], summary: String, details: String = "",
        implementation: @escaping (Arguments, BuiltinContext) throws -> Value
    ) {
        self.name = name
        self.parameters = parameters
        self.summary = summary
        self.details = details
        self.implementation = implementation
        self.variadicIndex = parameters.firstIndex {
            if case .variadic = $0.kind { return true }
            return false
        }
        precondition(
            parameters.filter { if case .variadic = $0.kind { true } else { false } }.count <= 1,
            "\(name): at most one variadic parameter")
    }

    /// The name as error messages show it: `print` or `tensor.sum`.
    public var qualifiedName: String {
        if let owner { return "\(owner).\(name)" }
        return name
    }

    /// The signature, e.g. `Adam(params, lr=0.001, betas=[0.9, 0.999])`.
    public var signature: String {
        "\(qualifiedName)(" + parameters.map(\.signatureText).joined(separator: ", ") + ")"
    }
}

/// A builtin ready to call: a plain builtin, or a method together with its receiver
/// (`t.sum` evaluates to the `sum` method bound to `t`).
public final class BoundBuiltin {
    /// The builtin.
    public let builtin: Builtin
    /// The receiver for a method; nil for a plain builtin.
    public let receiver: Value?

    /// Binds a builtin.
    /// - Parameters:
    ///   - builtin: the builtin.
    ///   - receiver: the receiver, for methods.
    public init(_ builtin: Builtin, receiver: Value? = nil) {
        self.builtin = builtin
        self.receiver = receiver
    }
}

/// A member of a value kind: a property (`t.shape`, possibly assignable like `opt.lr`) or a
/// method (`t.sum(dim=0)`).
public struct Member {
    /// What the member is.
    public enum Kind {
        /// A property with a getter and, if assignable, a setter.
        case property(
            get: (Value, BuiltinContext) throws -> Value,
            set: ((Value, Value, BuiltinContext) throws -> Void)?)
        /// A method; its implementation finds the receiver in `Arguments.receiver`.
        case method(Builtin)
    }

    /// The kind of value it belongs to (`tensor`, `module`...), as `Value.typeName` names it.
    public let owner: String
    /// The member name.
    public let name: String
    /// One-line summary (for methods, the builtin's summary).
    public let summary: String
    /// What it is.
    public let kind: Kind

    /// Declares a property.
    /// - Parameters:
    ///   - owner: the kind it belongs to.
    ///   - name: the member name.
    ///   - summary: a one-line description.
    ///   - get: reads it from the receiver.
    ///   - set: assigns it (receiver, new value), or nil when read-only.
    /// - Returns: the member.
    public static func property(
        of owner: String, _ name: String, summary: String,
        get: @escaping (Value, BuiltinContext) throws -> Value,
        set: ((Value, Value, BuiltinContext) throws -> Void)? = nil
    ) -> Member {
        Member(owner: owner, name: name, summary: summary, kind: .property(get: get, set: set))
    }

    /// Declares a method.
    /// - Parameters:
    ///   - owner: the kind it belongs to.
    ///   - builtin: the method's declaration (its receiver arrives as `Arguments.receiver`).
    /// - Returns: the member.
    public static func method(of owner: String, _ builtin: Builtin) -> Member {
        builtin.owner = owner
        return Member(owner: owner, name: builtin.name, summary: builtin.summary, kind: .method(builtin))
    }

    /// `t.shape` for properties, the method's signature for methods.
    public var signature: String {
        switch kind {
        case .property: "\(owner).\(name)"
        case .method(let builtin): builtin.signature
        }
    }
}

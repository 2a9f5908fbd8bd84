/// A mime bundle: the representations of one value, most preferred first.
///
/// Text types (`text/plain`, `text/html`, `image/svg+xml`) carry their text; binary types
/// (`image/png`) carry base64 text, as Jupyter expects. Lang knows nothing of JSON: the kernel
/// turns a bundle into a message.
public struct RichBundle: Equatable, Sendable {
    /// One representation: a mime type and its (text or base64) content.
    public struct Entry: Equatable, Sendable {
        /// The mime type, e.g. `text/plain` or `image/png`.
        public var mimeType: String
        /// The content: text, or base64 for binary types.
        public var content: String

        /// Creates an entry.
        /// - Parameters:
        ///   - mimeType: the mime type.
        ///   - content: the text or base64 content.
        public init(mimeType: String, content: String) {
            self.mimeType = mimeType
            self.content = content
        }
    }

    /// The representations, most preferred first.
    public var entries: [Entry]
    /// Per-mime-type metadata, e.g. `["image/png": ["width": 640, "height": 480]]`.
    public var metadata: [String: [String: Int]]

    /// Creates a bundle.
    /// - Parameters:
    ///   - entries: the representations, most preferred first.
    ///   - metadata: per-mime-type metadata.
    public init(entries: [Entry] = [], metadata: [String: [String: Int]] = [:]) {
        self.entries = entries
        self.metadata = metadata
    }

    /// A bundle holding only `text/plain`.
    /// - Parameter text: the plain text.
    /// - Returns: the bundle.
    public static func plainText(_ text: String) -> RichBundle {
        RichBundle(entries: [Entry(mimeType: "text/plain", content: text)])
    }

    /// The content for `mimeType`, if the bundle has it.
    public subscript(mimeType: String) -> String? {
        entries.first { $0.mimeType == mimeType }?.content
    }
}

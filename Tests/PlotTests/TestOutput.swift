import Foundation

/// Writes test artefacts to `$SWIFT_NN_PNG_OUT` (when set) for Tests/python/test_plot_png.py,
/// which checks them with independent decoders (zlib, Pillow).
enum TestOutput {
    /// The output folder, or nil when the variable is unset.
    static var directory: URL? {
        guard let d = ProcessInfo.processInfo.environment["SWIFT_NN_PNG_OUT"], !d.isEmpty else { return nil }
        let url = URL(fileURLWithPath: d)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes bytes under `name` when an output folder is set.
    static func write(_ bytes: [UInt8], name: String) {
        guard let dir = directory else { return }
        try? Data(bytes).write(to: dir.appendingPathComponent(name))
    }

    /// Writes text under `name` when an output folder is set.
    static func write(_ text: String, name: String) {
        write(Array(text.utf8), name: name)
    }
}

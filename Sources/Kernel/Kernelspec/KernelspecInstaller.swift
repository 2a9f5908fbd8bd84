// `swift-nn-kernel install [--user | --sys-prefix | --prefix DIR]`: writes the kernelspec the
// way `python -m ipykernel install` does, so Jupyter finds the kernel as "Swift-NN".

import Foundation

/// Why the kernelspec could not be installed.
public enum KernelspecError: Error, Equatable, CustomStringConvertible {
    /// An argument that `install` does not know.
    case unknownOption(String)
    /// `--prefix` without a directory.
    case missingPrefix
    /// More than one of --user, --sys-prefix, --prefix.
    case conflictingOptions
    /// `--sys-prefix` with no virtualenv, no conda env and no working python3.
    case noSysPrefix
    /// A directory or file could not be written.
    case cannotWrite(path: String, reason: String)

    /// The sentence the user sees.
    public var description: String {
        switch self {
        case .unknownOption(let o): "unknown install option \(o) (use --user, --sys-prefix or --prefix DIR)"
        case .missingPrefix: "--prefix needs a directory"
        case .conflictingOptions: "use only one of --user, --sys-prefix and --prefix DIR"
        case .noSysPrefix: "--sys-prefix: no VIRTUAL_ENV or CONDA_PREFIX, and python3 did not report sys.prefix"
        case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
        }
    }
}

/// Installs the Swift-NN kernelspec (kernel.json and logos).
public struct KernelspecInstaller: Sendable {
    /// Where the kernelspec goes.
    public enum Location: Equatable, Sendable {
        /// /usr/local/share/jupyter/kernels (no option).
        case system
        /// $JUPYTER_DATA_DIR/kernels or ~/.local/share/jupyter/kernels (`--user`).
        case user
        /// The active virtualenv or conda env, else python3's sys.prefix (`--sys-prefix`).
        case sysPrefix
        /// DIR/share/jupyter/kernels (`--prefix DIR`).
        case prefix(String)
    }

    /// The kernelspec's directory name (the kernel name Jupyter shows in `kernelspec list`).
    public static let kernelName = "swift-nn"

    /// The absolute path of the kernel binary written into `argv`.
    public var executablePath: String
    /// The environment consulted for --user and --sys-prefix.
    public var environment: [String: String]

    /// Creates an installer for the binary at `executablePath` (default: the running binary).
    public init(executablePath: String = KernelspecInstaller.runningExecutablePath,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.executablePath = executablePath
        self.environment = environment
    }

    /// The absolute path of the running executable (`/proc/self/exe`, else argv[0] made absolute).
    public static var runningExecutablePath: String {
        if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return target
        }
        let argv0 = CommandLine.arguments.first ?? "swift-nn-kernel"
        if argv0.hasPrefix("/") { return argv0 }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            .appendingPathComponent(argv0).standardizedFileURL.path
    }

    /// The location named by `install`'s arguments (those after `install`).
    /// - Throws: `KernelspecError` for an unknown, conflicting or incomplete option.
    public static func location(arguments: [String]) throws -> Location {
        var location: Location?
        var rest = arguments[...]
        func set(_ l: Location) throws {
            if location != nil { throw KernelspecError.conflictingOptions }
            location = l
        }
        while let argument = rest.popFirst() {
            switch argument {
            case "--user": try set(.user)
            case "--sys-prefix": try set(.sysPrefix)
            case "--prefix":
                guard let dir = rest.popFirst(), !dir.hasPrefix("--") else { throw KernelspecError.missingPrefix }
                try set(.prefix(dir))
            default:
                if argument.hasPrefix("--prefix=") {
                    let dir = String(argument.dropFirst("--prefix=".count))
                    guard !dir.isEmpty else { throw KernelspecError.missingPrefix }
                    try set(.prefix(dir))
                } else {
                    throw KernelspecError.unknownOption(argument)
                }
            }
        }
        return location ?? .system
    }

    /// The kernelspec directory for `location` (…/kernels/swift-nn).
    /// - Throws: `KernelspecError.noSysPrefix` when `--sys-prefix` finds no prefix.
    public func directory(for location: Location) throws -> String {
        let kernels: String
        switch location {
        case .system:
            kernels = "/usr/local/share/jupyter/kernels"
        case .user:
            if let data = environment["JUPYTER_DATA_DIR"], !data.isEmpty {
                kernels = data + "/kernels"
            } else {
                let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
                kernels = home + "/.local/share/jupyter/kernels"
            }
        case .sysPrefix:
            kernels = try sysPrefix() + "/share/jupyter/kernels"
        case .prefix(let dir):
            kernels = dir + "/share/jupyter/kernels"
        }
        return kernels + "/" + KernelspecInstaller.kernelName
    }

    private func sysPrefix() throws -> String {
        for name in ["VIRTUAL_ENV", "CONDA_PREFIX"] {
            if let value = environment[name], !value.isEmpty { return value }
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sys;print(sys.prefix)"]
        let pipe = Pipe()
        process.standardOutput = pipe
        do {
            try process.run()
        } catch {
            throw KernelspecError.noSysPrefix
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let prefix = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard process.terminationStatus == 0, !prefix.isEmpty else { throw KernelspecError.noSysPrefix }
        return prefix
    }

    /// The text of kernel.json for the binary at `executablePath`.
    public static func kernelJSON(executablePath: String) -> String {
        let argv = [executablePath, "kernel", "--connection-file", "{connection_file}"]
            .map { JSONWriter.string(.string($0)) }.joined(separator: ", ")
        return """
            {
              "argv": [\(argv)],
              "display_name": "Swift-NN",
              "language": "swift-nn",
              "interrupt_mode": "message",
              "metadata": {}
            }

            """
    }

    /// Writes kernel.json and the logos into the directory for `location`.
    /// - Returns: The kernelspec directory written.
    /// - Throws: `KernelspecError` when the directory cannot be found or written.
    @discardableResult
    public func install(to location: Location) throws -> String {
        let dir = try directory(for: location)
        let files = FileManager.default
        do {
            try files.createDirectory(atPath: dir, withIntermediateDirectories: true)
        } catch {
            throw KernelspecError.cannotWrite(path: dir, reason: error.localizedDescription)
        }
        var contents = [("kernel.json", Data(KernelspecInstaller.kernelJSON(executablePath: executablePath).utf8))]
        for logo in KernelspecLogos.files {
            guard let data = Data(base64Encoded: logo.base64) else {
                preconditionFailure("embedded logo \(logo.name) is not base64; rerun kernelspec/make_logos.py")
            }
            contents.append((logo.name, data))
        }
        for (name, data) in contents {
            let path = dir + "/" + name
            do {
                try data.write(to: URL(fileURLWithPath: path))
            } catch {
                throw KernelspecError.cannotWrite(path: path, reason: error.localizedDescription)
            }
        }
        return dir
    }
}

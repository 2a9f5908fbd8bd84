import ArgumentParser
import Foundation
import Kernel

/// `swift-nn-kernel install [--user | --sys-prefix | --prefix DIR]`: write the `swift-nn`
/// kernelspec the way `python -m ipykernel install` does.
struct InstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Install the swift-nn kernelspec so Jupyter lists \"Swift-NN\".",
        discussion: """
            With no option the kernelspec goes to the system location \
            (/usr/local/share/jupyter/kernels). --user installs for the current user, \
            --sys-prefix into the active virtual environment (VIRTUAL_ENV, CONDA_PREFIX, or \
            python3's sys.prefix), --prefix into DIR/share/jupyter/kernels.
            """
    )

    @Flag(help: "Install for the current user (~/.local/share/jupyter/kernels).")
    var user = false

    @Flag(help: "Install into the active Python environment's prefix.")
    var sysPrefix = false

    @Option(help: "Install into PREFIX/share/jupyter/kernels.")
    var prefix: String?

    func validate() throws {
        let chosen = [user, sysPrefix, prefix != nil].filter { $0 }.count
        if chosen > 1 {
            throw ValidationError("choose at most one of --user, --sys-prefix and --prefix")
        }
    }

    func run() throws {
        let location: KernelspecInstaller.Location =
            if user { .user } else if sysPrefix { .sysPrefix } else if let prefix { .prefix(prefix) } else { .system }
        let installed = try KernelspecInstaller(executablePath: ExecutablePath.current()).install(to: location)
        print("Installed kernelspec swift-nn in \(installed)")
    }
}

/// The absolute path of the running binary, for the kernelspec's argv.
enum ExecutablePath {
    static func current() -> String {
        let link = "/proc/self/exe"
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: link) {
            return resolved
        }
        let argv0 = CommandLine.arguments.first ?? "swift-nn-kernel"
        return URL(fileURLWithPath: argv0).standardizedFileURL.resolvingSymlinksInPath().path
    }
}

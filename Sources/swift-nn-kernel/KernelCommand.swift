import ArgumentParser
import Kernel
import Lang

/// `swift-nn-kernel kernel --connection-file FILE`: serve the Jupyter protocol until shutdown.
struct KernelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kernel",
        abstract: "Run as a Jupyter kernel (started by Jupyter through the kernelspec)."
    )

    @Option(name: [.customShort("f"), .long], help: "The connection file Jupyter wrote.")
    var connectionFile: String

    func run() throws {
        ProcessTuning.apply()
        let interpreter = LangInterpreter(session: Session())
        let server = try KernelServer(connectionFileAt: connectionFile, interpreter: interpreter)
        try server.run()
    }
}

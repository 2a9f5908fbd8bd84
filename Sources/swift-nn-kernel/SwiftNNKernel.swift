import ArgumentParser

/// The `swift-nn-kernel` command: the Jupyter kernel itself, its installer, and a runner for
/// `.snn` files.
@main
struct SwiftNNKernel: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "swift-nn-kernel",
        abstract: "Swift-NN: a Jupyter kernel for learning neural networks.",
        discussion: """
            Jupyter starts `swift-nn-kernel kernel --connection-file FILE` through the kernelspec \
            that `swift-nn-kernel install` writes. `swift-nn-kernel run FILE.snn` runs a file of \
            the notebook language from the shell with the same interpreter.
            """,
        version: Version.current,
        subcommands: [KernelCommand.self, InstallCommand.self, RunCommand.self]
    )
}

/// The version of this build, shown by `--version` and in `kernel_info`.
enum Version {
    static let current = "0.1.0"
}

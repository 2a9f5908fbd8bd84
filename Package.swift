// swift-tools-version:6.1
//
// Swift-NN: a Jupyter kernel for learning neural networks.
// Modules import only downwards in this list: shims (and CThreads), Tensor, Autograd, NN,
// Plot, Lang, Kernel, and the executable that wires Lang into Kernel. Kernel knows nothing of
// Lang, Plot nothing of Tensor.
import PackageDescription

let package = Package(
    name: "swift-nn",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "swift-nn-kernel", targets: ["swift-nn-kernel"]),
        .library(name: "Lang", targets: ["Lang"]),
        .library(name: "Kernel", targets: ["Kernel"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    ],
    targets: [
        // MARK: - C shims (module map + header, no Swift) and one C target
        .systemLibrary(
            name: "CZeroMQ",
            pkgConfig: "libzmq",
            providers: [.apt(["libzmq3-dev"])]
        ),
        .systemLibrary(
            name: "CBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),

        // Thread placement for Plot's ForkJoin: CPU affinity is a GNU extension, so this one
        // is C source, not a module map.
        .target(name: "CThreads"),

        // MARK: - Engine
        .target(name: "Tensor", dependencies: ["CBLAS"]),
        .target(name: "Autograd", dependencies: ["Tensor"]),
        .target(name: "NN", dependencies: ["Tensor", "Autograd"]),

        // MARK: - Plotting (plain arrays in, SVG text and PNG bytes out)
        .target(
            name: "Plot",
            dependencies: ["CThreads"],
            exclude: ["Font/LICENSE-DejaVu.txt"],
            // Rasteriser and deflate loops are ~17x faster optimised; debug builds (tests,
            // notebooks) would otherwise spend seconds per PNG.
            swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]
        ),

        // MARK: - The notebook language
        .target(name: "Lang", dependencies: ["Tensor", "Autograd", "NN", "Plot"]),

        // MARK: - Jupyter protocol over ZeroMQ
        .target(
            name: "Kernel",
            dependencies: ["CZeroMQ", .product(name: "Crypto", package: "swift-crypto")]
        ),

        // MARK: - Executable: kernel mode, install, run FILE
        .executableTarget(
            name: "swift-nn-kernel",
            dependencies: [
                "Lang", "Kernel", "Tensor",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: - Tests
        .testTarget(name: "TensorTests", dependencies: ["Tensor"]),
        .testTarget(name: "AutogradTests", dependencies: ["Autograd", "Tensor"]),
        .testTarget(name: "NNTests", dependencies: ["NN", "Autograd", "Tensor"]),
        .testTarget(name: "PlotTests", dependencies: ["Plot"]),
        .testTarget(name: "LangTests", dependencies: ["Lang"]),
        .testTarget(name: "KernelTests", dependencies: ["Kernel"]),
    ]
)

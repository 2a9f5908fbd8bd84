import Foundation
import Testing
@testable import Kernel

@Suite struct KernelspecInstallerTests {
    @Test(arguments: [
        ([String](), KernelspecInstaller.Location.system),
        (["--user"], .user),
        (["--sys-prefix"], .sysPrefix),
        (["--prefix", "/opt/x"], .prefix("/opt/x")),
        (["--prefix=/opt/y"], .prefix("/opt/y")),
    ])
    func parsesOptions(_ arguments: [String], _ expected: KernelspecInstaller.Location) throws {
        #expect(try KernelspecInstaller.location(arguments: arguments) == expected)
    }

    @Test func rejectsBadOptions() {
        #expect(throws: KernelspecError.unknownOption("--bogus")) {
            try KernelspecInstaller.location(arguments: ["--bogus"])
        }
        #expect(throws: KernelspecError.missingPrefix) { try KernelspecInstaller.location(arguments: ["--prefix"]) }
        #expect(throws: KernelspecError.conflictingOptions) {
            try KernelspecInstaller.location(arguments: ["--user", "--sys-prefix"])
        }
    }

    @Test func directories() throws {
        let env = ["HOME": "/home/u", "VIRTUAL_ENV": "/venv"]
        let installer = KernelspecInstaller(executablePath: "/bin/k", environment: env)
        #expect(try installer.directory(for: .system) == "/usr/local/share/jupyter/kernels/swift-nn")
        #expect(try installer.directory(for: .user) == "/home/u/.local/share/jupyter/kernels/swift-nn")
        #expect(try installer.directory(for: .sysPrefix) == "/venv/share/jupyter/kernels/swift-nn")
        #expect(try installer.directory(for: .prefix("/p")) == "/p/share/jupyter/kernels/swift-nn")
        let data = KernelspecInstaller(executablePath: "/bin/k", environment: ["JUPYTER_DATA_DIR": "/d", "CONDA_PREFIX": "/c"])
        #expect(try data.directory(for: .user) == "/d/kernels/swift-nn")
        #expect(try data.directory(for: .sysPrefix) == "/c/share/jupyter/kernels/swift-nn")
    }

    @Test func installsKernelJSONAndLogos() throws {
        let prefix = FileManager.default.temporaryDirectory
            .appendingPathComponent("swift-nn-kernelspec-\(MessageHeader.newID())").path
        defer { try? FileManager.default.removeItem(atPath: prefix) }
        let installer = KernelspecInstaller(executablePath: "/usr/bin/swift-nn-kernel", environment: [:])
        let dir = try installer.install(to: .prefix(prefix))
        #expect(dir == prefix + "/share/jupyter/kernels/swift-nn")
        let json = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/kernel.json"))))
        #expect(json == [
            "argv": ["/usr/bin/swift-nn-kernel", "kernel", "--connection-file", "{connection_file}"],
            "display_name": "Swift-NN", "language": "swift-nn", "interrupt_mode": "message", "metadata": [:],
        ])
        let png = try Data(contentsOf: URL(fileURLWithPath: dir + "/logo-64x64.png"))
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(FileManager.default.fileExists(atPath: dir + "/logo-32x32.png"))
        let svg = try String(contentsOfFile: dir + "/logo-svg.svg", encoding: .utf8)
        #expect(svg.hasPrefix("<svg"))
    }
}

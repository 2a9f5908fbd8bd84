// The connection file a Jupyter frontend writes before it starts a kernel: where to bind the
// five sockets and the key to sign messages with.

import Foundation

/// Why a connection file cannot be used.
public enum ConnectionError: Error, Equatable, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(path: String, reason: String)
    /// The file is not a JSON object.
    case invalidJSON(path: String, reason: String)
    /// A required field is missing or has the wrong type.
    case missingField(String)
    /// The transport is neither `tcp` nor `ipc`.
    case unsupportedTransport(String)
    /// The signature scheme is not `hmac-sha256`.
    case unsupportedSignatureScheme(String)

    /// The sentence the user sees.
    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "cannot read connection file \(path): \(reason)"
        case .invalidJSON(let path, let reason): "connection file \(path) is not valid JSON: \(reason)"
        case .missingField(let name): "connection file has no valid \"\(name)\""
        case .unsupportedTransport(let t): "unsupported transport \"\(t)\" (use tcp or ipc)"
        case .unsupportedSignatureScheme(let s): "unsupported signature scheme \"\(s)\" (use hmac-sha256)"
        }
    }
}

/// The contents of a Jupyter connection file.
public struct ConnectionInfo: Equatable, Sendable {
    /// `tcp` or `ipc`.
    public var transport: String
    /// The address to bind (e.g. `127.0.0.1`); for `ipc`, the path prefix.
    public var ip: String
    // Ports: 0 lets the kernel pick a free port; `KernelServer.connection` then tells which.
    /// The shell ROUTER port (`shell_port`).
    public var shellPort: Int
    /// The iopub PUB port (`iopub_port`).
    public var iopubPort: Int
    /// The stdin ROUTER port (`stdin_port`).
    public var stdinPort: Int
    /// The control ROUTER port (`control_port`).
    public var controlPort: Int
    /// The heartbeat REP port (`hb_port`).
    public var heartbeatPort: Int
    /// The signing key; empty turns signing off.
    public var key: String
    /// Always `hmac-sha256` (the only scheme supported).
    public var signatureScheme: String

    /// Creates connection info from its parts.
    public init(
        transport: String = "tcp", ip: String = "127.0.0.1", shellPort: Int = 0, iopubPort: Int = 0,
        stdinPort: Int = 0, controlPort: Int = 0, heartbeatPort: Int = 0, key: String = "",
        signatureScheme: String = "hmac-sha256"
    ) {
        self.transport = transport
        self.ip = ip
        self.shellPort = shellPort
        self.iopubPort = iopubPort
        self.stdinPort = stdinPort
        self.controlPort = controlPort
        self.heartbeatPort = heartbeatPort
        self.key = key
        self.signatureScheme = signatureScheme
    }

    /// Reads and validates the connection file at `path`.
    /// - Throws: `ConnectionError` when the file is unreadable, not JSON or incomplete.
    public init(contentsOf path: String) throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ConnectionError.unreadable(path: path, reason: error.localizedDescription)
        }
        let json: JSONValue
        do {
            json = try JSONParser.parse(Array(data))
        } catch {
            throw ConnectionError.invalidJSON(path: path, reason: "\(error)")
        }
        try self.init(json: json)
    }

    /// Validates the parsed JSON of a connection file.
    /// - Throws: `ConnectionError` for a missing field, transport or scheme.
    init(json: JSONValue) throws {
        guard json.objectValue != nil else { throw ConnectionError.missingField("transport") }
        func port(_ name: String) throws -> Int {
            guard let p = json[name]?.intValue, (0...65535).contains(p) else {
                throw ConnectionError.missingField(name)
            }
            return p
        }
        let transport = json["transport"]?.stringValue ?? "tcp"
        guard transport == "tcp" || transport == "ipc" else {
            throw ConnectionError.unsupportedTransport(transport)
        }
        guard let ip = json["ip"]?.stringValue, !ip.isEmpty else { throw ConnectionError.missingField("ip") }
        let scheme = json["signature_scheme"]?.stringValue ?? "hmac-sha256"
        guard scheme == "hmac-sha256" else { throw ConnectionError.unsupportedSignatureScheme(scheme) }
        self.init(
            transport: transport, ip: ip, shellPort: try port("shell_port"),
            iopubPort: try port("iopub_port"), stdinPort: try port("stdin_port"),
            controlPort: try port("control_port"), heartbeatPort: try port("hb_port"),
            key: json["key"]?.stringValue ?? "", signatureScheme: scheme)
    }

    /// The endpoint to bind for `port`: `tcp://ip:port` (`*` for 0) or `ipc://ip-port`.
    func endpoint(port: Int) -> String {
        if transport == "ipc" { return "ipc://\(ip)-\(port)" }
        let host = ip.contains(":") ? "[\(ip)]" : ip
        return "tcp://\(host):\(port == 0 ? "*" : String(port))"
    }

    /// The port at the end of a bound endpoint such as `tcp://127.0.0.1:41234`.
    static func port(ofEndpoint endpoint: String) -> Int? {
        guard let last = endpoint.split(separator: ":").last else { return nil }
        return Int(last)
    }
}

// control: a ROUTER socket on its own thread, so interrupt, shutdown and kernel_info are
// answered while the shell thread is busy running a cell.

import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Serves the control channel on a dedicated thread.
final class ControlChannel: Sendable {
    private let socket: ZMQSocket
    private let wake: ZMQSocket
    private let codec: MessageCodec
    private let iopub: IOPubChannel
    private let state: KernelState
    private let kernelInfo: JSONValue
    private let exitDeadline: Double?

    /// Creates the channel.
    /// - Parameters:
    ///   - socket: The bound control ROUTER socket (owned by the channel thread from `start`).
    ///   - wake: A PAIR socket connected to the shell loop's wake-up socket.
    ///   - exitDeadline: Seconds after a shutdown_request after which the process exits even if
    ///     the shell thread is stuck in a cell; nil never forces an exit.
    init(socket: ZMQSocket, wake: ZMQSocket, codec: MessageCodec, iopub: IOPubChannel,
         state: KernelState, kernelInfo: JSONValue, exitDeadline: Double?) {
        self.socket = socket
        self.wake = wake
        self.codec = codec
        self.iopub = iopub
        self.state = state
        self.kernelInfo = kernelInfo
        self.exitDeadline = exitDeadline
    }

    /// Starts serving on a new thread, which closes its sockets when the context shuts down.
    func start() -> Thread {
        let thread = Thread { [self] in
            serve()
            socket.close()
            wake.close()
        }
        thread.name = "swift-nn control"
        thread.start()
        return thread
    }

    private func serve() {
        while true {
            let frames: [[UInt8]]
            do {
                guard let received = try socket.receive(wait: true) else { continue }
                frames = received
            } catch let error as ZMQError where error.isTerminated {
                return
            } catch {
                KernelLog.line("control: \(error)")
                return
            }
            guard let message = codec.decodeOrLog(frames, channel: "control") else { continue }
            handle(message)
        }
    }

    private func reply(_ msgType: String, _ content: JSONValue, to request: WireMessage) {
        socket.sendReply(msgType, content, to: request, codec: codec, channel: "control")
    }

    private func handle(_ request: WireMessage) {
        iopub.status("busy", parent: request)
        switch request.msgType {
        case "kernel_info_request":
            reply("kernel_info_reply", kernelInfo, to: request)
        case "interrupt_request":
            state.interrupt()
            reply("interrupt_reply", ["status": "ok"], to: request)
        case "shutdown_request":
            let restart = request.content["restart"]?.boolValue ?? false
            reply("shutdown_reply", ["status": "ok", "restart": .bool(restart)], to: request)
            iopub.status("idle", parent: request)
            requestShutdown()
            return
        default:
            KernelLog.line("control: ignored unknown message type \(request.msgType)")
        }
        iopub.status("idle", parent: request)
    }

    /// Ends the shell loop (waking it, interrupting a running cell) and, if set, arms the exit
    /// deadline.
    private func requestShutdown() {
        state.shutdownRequested.store(true, ordering: .sequentiallyConsistent)
        state.interrupt()
        do {
            try wake.send([Array("shutdown".utf8)])
        } catch {
            KernelLog.line("control: could not wake the shell loop: \(error)")
        }
        guard let exitDeadline else { return }
        let watchdog = Thread { [state] in
            Thread.sleep(forTimeInterval: exitDeadline)
            if state.finished.load(ordering: .sequentiallyConsistent) { return }
            KernelLog.line("shutdown: the running cell did not stop in time; exiting")
            exit(0)
        }
        watchdog.start()
    }
}

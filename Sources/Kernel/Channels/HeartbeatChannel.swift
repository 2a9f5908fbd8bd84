// heartbeat: a REP socket that echoes every ping, inside libzmq (zmq_proxy from the socket to
// itself), on its own thread, so a long cell never makes the frontend think the kernel died.

import Foundation

/// Runs the heartbeat echo on a dedicated thread until the context shuts down.
enum HeartbeatChannel {
    /// Starts echoing on `socket` (a bound REP socket) on a new thread, which closes the
    /// socket when the context shuts down.
    static func start(socket: ZMQSocket) -> Thread {
        let thread = Thread {
            ZMQSocket.proxy(socket, socket)
            socket.close()
        }
        thread.name = "swift-nn heartbeat"
        thread.start()
        return thread
    }
}

import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A raw TCP listener on 127.0.0.1 that misbehaves on purpose: it answers every connection
/// with a fixed script (random bytes, silence, a body that never ends, endless headers), so
/// that tests can show the transport and the probe stay bounded and say the right thing.
///
/// Each connection is served by its own thread with blocking sockets; `stop()` closes the
/// listener and every open connection, which ends those threads.
final class MisbehavingServer: @unchecked Sendable {
    /// What the server does with each connection.
    enum Script: Sendable {
        /// Sends these bytes at once, then stays silent (and keeps the connection open).
        case send([UInt8])
        /// Accepts and never sends a byte.
        case silent
        /// Reads the request, sends an HTTP status line and headers, then body bytes forever.
        case endlessBody
        /// Reads the request, sends a status line, then header lines forever.
        case endlessHeaders
        /// Reads the request, then answers with these raw bytes and closes.
        case answer([UInt8])
    }

    let port: Int
    private let script: Script
    private let listener: Int32
    private let lock = NSLock()
    private var connections: [Int32] = []
    private var stopped = false

    init(_ script: Script) throws {
        self.script = script
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw POSIXError(.EMFILE) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(listener, 16) == 0 else {
            close(listener)
            throw POSIXError(.EADDRINUSE)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        self.listener = listener
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    /// Stops the listener and every connection. Only the thread that uses a descriptor closes
    /// it (`stop` shuts sockets down, which wakes those threads), so no descriptor number is
    /// used after it may have been reused by another test's socket.
    func stop() {
        lock.withLock {
            guard !stopped else { return }
            stopped = true
            shutdown(listener, Int32(SHUT_RDWR))
            for connection in connections { shutdown(connection, Int32(SHUT_RDWR)) }
        }
    }

    private func acceptLoop() {
        defer { close(listener) }
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            let accepted = lock.withLock {
                guard !stopped else {
                    close(connection)
                    return false
                }
                connections.append(connection)
                return true
            }
            guard accepted else { return }
            let thread = Thread { [self] in
                serve(connection)
                lock.withLock {
                    connections.removeAll { $0 == connection }
                    shutdown(connection, Int32(SHUT_RDWR))
                    close(connection)
                }
            }
            thread.start()
        }
    }

    private func serve(_ connection: Int32) {
        switch script {
        case .send(let bytes):
            guard write(bytes, to: connection) else { return }
            waitForClose(connection)
        case .silent:
            waitForClose(connection)
        case .endlessBody:
            readRequest(connection)
            guard write(Array("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n[".utf8), to: connection)
            else { return }
            let chunk = Array(repeating: UInt8(ascii: "1"), count: 64 * 1024)
            while write(chunk, to: connection) {}
        case .endlessHeaders:
            readRequest(connection)
            guard write(Array("HTTP/1.1 200 OK\r\n".utf8), to: connection) else { return }
            var index = 0
            while write(Array("X-Filler-\(index): \(String(repeating: "x", count: 1000))\r\n".utf8), to: connection) {
                index += 1
            }
        case .answer(let bytes):
            readRequest(connection)
            _ = write(bytes, to: connection)
        }
    }

    /// Reads until the end of the request headers (or the connection ends).
    private func readRequest(_ connection: Int32) {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !received.suffix(4).elementsEqual(Array("\r\n\r\n".utf8)) {
            let count = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return }
            received += buffer[..<count]
        }
    }

    private func waitForClose(_ connection: Int32) {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while buffer.withUnsafeMutableBytes({ recv(connection, $0.baseAddress, $0.count, 0) }) > 0 {}
    }

    private func write(_ bytes: [UInt8], to connection: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes {
                send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }

    deinit { stop() }  // the accept thread holds `self` until it has closed the listener
}

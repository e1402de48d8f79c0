import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A TCP relay on 127.0.0.1 in front of a server (the simulated local cluster) that passes every
/// byte both ways but hands each chunk from the server to the client `delay` after it arrived:
/// a local cluster whose every answer, TLS handshake replies included, comes `delay` late. TLS
/// goes through untouched (the relay sees only ciphertext; the certificate is for 127.0.0.1).
public final class DelayingRelay: @unchecked Sendable {
    public let port: Int
    private let listener: Int32
    private let targetPort: UInt16
    private let delay: Duration

    /// Listens on a free port of 127.0.0.1 and relays to `targetPort` there.
    public init(targetPort: Int, delay: Duration) throws {
        self.targetPort = UInt16(targetPort)
        self.delay = delay
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw ChildProcessError("relay: socket: \(String(cString: strerror(errno)))") }
        var address = Self.loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(listener, 16) == 0 else {
            let reason = String(cString: strerror(errno))
            close(listener)
            throw ChildProcessError("relay: bind/listen: \(reason)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        self.listener = listener
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    /// Stops accepting (connections already relayed end when either side closes).
    public func stop() { shutdown(listener, Int32(SHUT_RDWR)) }

    deinit {
        stop()
        close(listener)
    }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                return
            }
            let server = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = Self.loopback(port: targetPort)
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(server, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard server >= 0, connected == 0 else {
                close(client)
                if server >= 0 { close(server) }
                continue
            }
            Thread { Self.pump(from: client, to: server) }.start()
            let queue = DelayedChunks()
            Thread { [delay] in Self.read(from: server, into: queue, delay: delay) }.start()
            Thread { Self.write(queue, to: client) }.start()
        }
    }

    /// Client to server, at once; closes both when the client is done.
    private static func pump(from source: Int32, to destination: Int32) {
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(source, $0.baseAddress, $0.count, 0) }
            if count < 0, errno == EINTR { continue }
            guard count > 0, send(all: buffer[0..<count], to: destination) else { break }
        }
        shutdown(destination, Int32(SHUT_WR))
    }

    /// Server to the queue, each chunk stamped with when it is due.
    private static func read(from source: Int32, into queue: DelayedChunks, delay: Duration) {
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(source, $0.baseAddress, $0.count, 0) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            queue.put(Array(buffer[0..<count]), due: .now + delay)
        }
        queue.put(nil, due: .now + delay)
        close(source)
    }

    /// The queue to the client, each chunk when it is due.
    private static func write(_ queue: DelayedChunks, to destination: Int32) {
        while let (chunk, due) = queue.take() {
            let wait = due - .now
            if wait > .zero { Thread.sleep(forTimeInterval: milliseconds(wait) / 1000) }
            guard let chunk, send(all: chunk[...], to: destination) else { break }
        }
        close(destination)
    }

    private static func send(all bytes: ArraySlice<UInt8>, to socket: Int32) -> Bool {
        var offset = bytes.startIndex
        while offset < bytes.endIndex {
            let sent = bytes[offset...].withUnsafeBytes {
                Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if sent < 0, errno == EINTR { continue }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }
}

/// Chunks waiting to be passed on, in order, each with the moment it is due; nil ends the stream.
private final class DelayedChunks: @unchecked Sendable {
    private let condition = NSCondition()
    private var chunks: [([UInt8]?, ContinuousClock.Instant)] = []

    func put(_ chunk: [UInt8]?, due: ContinuousClock.Instant) {
        condition.lock()
        chunks.append((chunk, due))
        condition.signal()
        condition.unlock()
    }

    /// The next chunk, waiting for one; nil after the end.
    func take() -> ([UInt8]?, ContinuousClock.Instant)? {
        condition.lock()
        defer { condition.unlock() }
        while chunks.isEmpty { condition.wait() }
        let next = chunks.removeFirst()
        return next.0 == nil ? nil : next
    }
}

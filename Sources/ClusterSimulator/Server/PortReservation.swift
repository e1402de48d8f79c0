import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Holds a loopback TCP port without listening on it: connections are refused (the kernel answers
/// with a reset) and no other socket can bind the port, so a stopped listener keeps its address.
///
/// The socket is bound without `SO_REUSEADDR`, which makes every other bind of the port fail.
final class PortReservation: Sendable {
    private let descriptor: Int32
    /// The reserved port (the one the system picked when `port` was 0).
    let port: Int

    /// Binds 127.0.0.1:`port` (0 = any free port); nil when the port is taken.
    init?(port: Int) {
        #if canImport(Glibc)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard bound == 0, named == 0 else {
            close(fd)
            return nil
        }
        descriptor = fd
        self.port = Int(UInt16(bigEndian: actual.sin_port))
    }

    /// Reserves `port`, trying again for a short while when something holds it for a moment.
    static func reserve(port: Int) async -> PortReservation? {
        for _ in 0..<50 {
            if let reservation = PortReservation(port: port) { return reservation }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }

    /// Frees the port.
    func release() { close(descriptor) }
}

import Glibc

/// The lines of the fault console's input (`simulate`'s standard input), each at most `limit`
/// bytes.
///
/// The standard library's `readLine()` keeps a line in memory until its line break comes, so
/// input without line breaks (`simulate < /dev/zero`, a runaway pipe) grew the simulator's
/// memory without end. Here a line that passes the limit is reported once, as `.tooLong`, and
/// the rest of it is skipped as it arrives, so memory stays at the limit and one read buffer.
public struct ConsoleLineReader {
    /// One line of input.
    public enum Line: Equatable, Sendable {
        /// A line within the limit, without its line break (LF or CR LF); bytes that are not
        /// UTF-8 read as U+FFFD.
        case text(String)
        /// A line that passed the limit; what follows of it, up to its line break, is skipped.
        case tooLong
    }

    /// The most bytes a line may hold.
    public let limit: Int
    private let read: (UnsafeMutableRawBufferPointer) -> Int
    private var chunk: [UInt8]
    private var chunkEnd = 0
    private var position = 0
    private var line: [UInt8] = []
    private var skipping = false
    private var ended = false

    /// Reads with `read`, which fills the buffer it is given and returns the bytes it put there,
    /// 0 at the end of the input (or on an error that ends it).
    public init(limit: Int = 4096, chunkSize: Int = 4096, read: @escaping (UnsafeMutableRawBufferPointer) -> Int) {
        self.limit = max(1, limit)
        self.read = read
        chunk = [UInt8](repeating: 0, count: max(1, chunkSize))
    }

    /// Reads the process's standard input, a read at a time, retrying reads that a signal
    /// interrupted.
    public static func standardInput(limit: Int = 4096) -> ConsoleLineReader {
        ConsoleLineReader(limit: limit) { buffer in
            while true {
                let count = Glibc.read(STDIN_FILENO, buffer.baseAddress, buffer.count)
                if count >= 0 { return count }
                if errno != EINTR { return 0 }
            }
        }
    }

    /// The next line, or nil once the input has ended (a last line without a line break is
    /// still returned).
    public mutating func next() -> Line? {
        while true {
            if position == chunkEnd {
                guard !ended else { return nil }
                chunkEnd = chunk.withUnsafeMutableBytes { read($0) }
                position = 0
                if chunkEnd <= 0 {
                    chunkEnd = 0
                    ended = true
                    if skipping || line.isEmpty { return nil }
                    return finishLine()
                }
            }
            let byte = chunk[position]
            position += 1
            if byte == UInt8(ascii: "\n") {
                if skipping {
                    skipping = false
                    continue
                }
                return finishLine()
            }
            guard !skipping else { continue }
            line.append(byte)
            // A CR just before the LF is not counted: a line of `limit` bytes ending in CR LF fits.
            if line.count > limit, !(line.count == limit + 1 && byte == UInt8(ascii: "\r")) {
                line.removeAll(keepingCapacity: true)
                skipping = true
                return .tooLong
            }
        }
    }

    private mutating func finishLine() -> Line {
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        let text = String(decoding: line, as: UTF8.self)
        line.removeAll(keepingCapacity: true)
        return .text(text)
    }
}

import ClusterSimulator
import PropertyBased
import Testing

/// The fault console's input read line by line: the same lines whatever the reads' sizes, and a
/// line past the limit reported once and skipped without being kept.
@Suite struct ConsoleLineReaderTests {
    /// A reader over `input`, handed out `readSize` bytes a read; `reads` counts the reads.
    private final class Source {
        let bytes: [UInt8]
        let readSize: Int
        var offset = 0
        var reads = 0
        init(_ bytes: [UInt8], readSize: Int) {
            self.bytes = bytes
            self.readSize = readSize
        }

        func reader(limit: Int, chunkSize: Int = 4096) -> ConsoleLineReader {
            ConsoleLineReader(limit: limit, chunkSize: chunkSize) { buffer in
                self.reads += 1
                let count = min(self.readSize, buffer.count, self.bytes.count - self.offset)
                for index in 0..<count { buffer[index] = self.bytes[self.offset + index] }
                self.offset += count
                return count
            }
        }
    }

    private func lines(_ text: String, limit: Int = 16, readSize: Int = 4096, chunkSize: Int = 4096)
        -> [ConsoleLineReader.Line]
    {
        var reader = Source(Array(text.utf8), readSize: readSize).reader(limit: limit, chunkSize: chunkSize)
        var result: [ConsoleLineReader.Line] = []
        while let line = reader.next() { result.append(line) }
        return result
    }

    @Test func readsLinesWithoutTheirBreaks() {
        #expect(
            lines("on slow\r\nfaults\n\nhelp")
                == [.text("on slow"), .text("faults"), .text(""), .text("help")])
        #expect(lines("").isEmpty)
        #expect(lines("faults\n") == [.text("faults")])
    }

    @Test func aLineAtTheLimitFitsAndOneByteMoreDoesNot() {
        let atLimit = String(repeating: "a", count: 16)
        #expect(lines(atLimit + "\n") == [.text(atLimit)])
        #expect(lines(atLimit + "\r\n") == [.text(atLimit)])
        #expect(lines(atLimit) == [.text(atLimit)])
        #expect(lines(atLimit + "b\nfaults\n") == [.tooLong, .text("faults")])
        #expect(lines(atLimit + "\rb\nfaults\n") == [.tooLong, .text("faults")])
        #expect(lines(atLimit + "b") == [.tooLong])
    }

    @Test func bytesThatAreNotUTF8ReadAsReplacementCharacters() {
        var reader = Source([0x6F, 0x6E, 0x20, 0xFF, 0x0A], readSize: 2).reader(limit: 16)
        #expect(reader.next() == .text("on \u{FFFD}"))
        #expect(reader.next() == nil)
    }

    /// Input with no line break at all, such as /dev/zero: reported once, never kept, and read
    /// to its end in reads of the chunk size.
    @Test func endlessInputWithoutBreaksIsSkippedInBoundedMemory() {
        let source = Source([UInt8](repeating: 0, count: 1 << 20), readSize: 1 << 20)
        var reader = source.reader(limit: 4096, chunkSize: 4096)
        #expect(reader.next() == .tooLong)
        #expect(reader.next() == nil)
        #expect(source.offset == 1 << 20)
        #expect(source.reads == (1 << 20) / 4096 + 1)
    }

    /// However the input is cut into reads and chunks, the lines are those of splitting it at
    /// LF, without a CR at their end, and each line over the limit is `.tooLong`.
    @Test func theLinesDoNotDependOnHowTheInputArrives() async {
        let pieces = Gen<String?>.element(of: ["on", " ", "slow", "\n", "\r\n", "\r", "é", "x", "help\n"]).map { $0 ?? "" }
        await propertyCheck(
            count: 500,
            input: pieces.array(of: 0...40), Gen.int(in: 1...7), Gen.int(in: 1...9), Gen.int(in: 1...12)
        ) { parts, readSize, chunkSize, limit in
            let text = parts.joined()
            var expected: [ConsoleLineReader.Line] = []
            var rest = Array(text.utf8)
            while !rest.isEmpty {
                let end = rest.firstIndex(of: UInt8(ascii: "\n"))
                var line = Array(rest[..<(end ?? rest.endIndex)])
                rest = end.map { Array(rest[($0 + 1)...]) } ?? []
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                if line.count > limit {
                    expected.append(.tooLong)
                } else {
                    expected.append(.text(String(decoding: line, as: UTF8.self)))
                }
            }
            #expect(lines(text, limit: limit, readSize: readSize, chunkSize: chunkSize) == expected)
        }
    }
}

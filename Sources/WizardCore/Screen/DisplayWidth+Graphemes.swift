extension DisplayWidth {
    /// Calls `body` with each grapheme of `text` and its width, in order, until `body` returns
    /// false.
    ///
    /// Printable ASCII is taken a byte at a time: a byte below 0x80 followed by another such byte
    /// (or by the end) is always a grapheme of its own (CR LF, the one exception, is not
    /// printable), so only the rest pays for grapheme breaking. Most of what the screens draw is
    /// ASCII with a glyph or two per line, where this is several times faster than iterating
    /// Characters.
    @inline(__always)
    static func forEachGrapheme<Text: StringProtocol>(in text: Text, _ body: (Character, Int) -> Bool) {
        let bytes = text.utf8
        let end = bytes.endIndex
        var index = bytes.startIndex
        while index < end {
            let byte = bytes[index]
            let next = bytes.index(after: index)
            if byte >= 0x20, byte < 0x7F, next == end || bytes[next] < 0x80 {
                guard body(asciiCharacters[Int(byte)], 1) else { return }
                index = next
            } else {
                let character = text[index]
                guard body(character, of(character)) else { return }
                index = text.index(after: index)
            }
        }
    }

    /// The 128 ASCII characters, so the walk above never builds one.
    private static let asciiCharacters: [Character] = (0..<128).map { Character(Unicode.Scalar(UInt8($0))) }
}

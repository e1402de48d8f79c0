/// Whitespace taken off both ends of a text, with the same result as Foundation's
/// `trimmingCharacters(in: .whitespaces)` and `trimmingCharacters(in: .whitespacesAndNewlines)`.
///
/// Foundation's way goes through `NSString` and unspecialised generic code: on its first use in
/// a process the Swift runtime looks up three conformances of the UTF-16 view by scanning every
/// conformance record of the binary (about 9,000), and `status` paid that on every run. These
/// work on the Unicode scalars directly; `WhitespaceTrimmingTests` checks both sets against
/// Foundation's for every scalar, and the results on generated texts.
extension Substring {
    /// The text without whitespace (Unicode's space separators, the tab, U+200B) at either end.
    public func trimmingWhitespace() -> String {
        trimming(where: \.isWhitespaceForTrimming)
    }

    /// The text without whitespace or line breaks (Unicode's separators, U+000A to U+000D and
    /// U+0085) at either end.
    public func trimmingWhitespaceAndNewlines() -> String {
        trimming(where: \.isWhitespaceOrNewlineForTrimming)
    }

    private func trimming(where isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }),
            let last = scalars.lastIndex(where: { !isTrimmed($0) })
        else { return "" }
        return String(Substring(scalars[first...last]))
    }
}

extension String {
    /// The text without whitespace (Unicode's space separators, the tab, U+200B) at either end.
    public func trimmingWhitespace() -> String { self[...].trimmingWhitespace() }

    /// The text without whitespace or line breaks (Unicode's separators, U+000A to U+000D and
    /// U+0085) at either end.
    public func trimmingWhitespaceAndNewlines() -> String { self[...].trimmingWhitespaceAndNewlines() }
}

extension Unicode.Scalar {
    /// Whether Foundation's `CharacterSet.whitespaces` holds the scalar: general category Zs, the
    /// tab, or U+200B ZERO WIDTH SPACE (a space separator in Unicode's early versions, which
    /// Foundation's set still follows).
    public var isWhitespaceForTrimming: Bool {
        if value < 0x80 { return value == 0x20 || value == 0x09 }
        return value == 0x200B || properties.generalCategory == .spaceSeparator
    }

    /// Whether Foundation's `CharacterSet.whitespacesAndNewlines` holds the scalar: general
    /// category Z (space, line and paragraph separators), U+0009 to U+000D, U+0085, or U+200B
    /// (see `isWhitespaceForTrimming`).
    public var isWhitespaceOrNewlineForTrimming: Bool {
        if value < 0x80 { return value == 0x20 || (0x09...0x0D).contains(value) }
        if value == 0x85 || value == 0x200B { return true }
        switch properties.generalCategory {
        case .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }
}

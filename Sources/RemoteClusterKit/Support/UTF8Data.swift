import Foundation

extension String {
    /// The text's UTF-8 bytes as `Data`, copied from the string's own buffer.
    ///
    /// `Data(text.utf8)` asks the Swift runtime whether the view is `ContiguousBytes`, and the
    /// first such question in a process scans every conformance record of the binary (about
    /// 9,000): `status` paid that for its credentials and its first printed line on every run.
    public var utf8Data: Data {
        var text = self
        return text.withUTF8 { Data(buffer: $0) }
    }
}

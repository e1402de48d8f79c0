import Testing

@testable import WizardTerminal

/// Answers piped into plain mode are written back so the output reads as a log; what was piped
/// in must not drive the terminal that shows the log.
@Suite struct PlainEchoTests {
    @Test func anAnswerIsWrittenBackWithALineBreak() {
        #expect(PlainIO.echoed("remote") == "remote\n")
    }

    @Test func controlCharactersInAnAnswerAreMadeVisible() {
        let echoed = PlainIO.echoed("\u{1B}[31mred\u{07}\r")
        #expect(!echoed.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(echoed == "\\x1b[31mred\\x07\\x0d\n")
    }
}

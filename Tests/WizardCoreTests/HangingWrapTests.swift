import Testing
import WizardCore

/// Wrapping with a hanging indent, as the report lines and the live status use it.
@Suite struct HangingWrapTests {
    @Test func aWordBrokenAtTheFirstLinesEndIsNotBrokenAgainWithASpace() {
        let line = "Preflight (trusting /tmp/folder/manifests/remote-remote-ca.crt)"
        let lines = TextLayout.wrapIndented(line, width: 40, hanging: 2)
        #expect(lines == ["Preflight (trusting", "  /tmp/folder/manifests/remote-remote-ca", "  .crt)"])
    }

    @Test func aLongWordOnTheFirstLineContinuesUnderTheHangingIndent() {
        let lines = TextLayout.wrapIndented("  abcdefghijklmnopqrstuvwxyz and more", width: 12, hanging: 2)
        #expect(lines == ["  abcdefghij", "    klmnopqr", "    stuvwxyz", "    and more"])
    }

    @Test func shortLinesAndIndentStay() {
        #expect(TextLayout.wrapIndented("   short", width: 20, hanging: 4) == ["   short"])
        #expect(TextLayout.wrapIndented("- one two three", width: 9, hanging: 2) == ["- one two", "  three"])
    }
}

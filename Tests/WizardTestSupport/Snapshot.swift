import CommandLineSupport
import Foundation
import Testing
import WizardCore

/// Compares a whole screen (text, styles, cursor) with a stored snapshot in the `Snapshots`
/// folder beside the calling test file (`assertTextSnapshot` of the screen's snapshot text; a new
/// baseline shows the screen as it reads).
public func assertSnapshot(
    _ buffer: ScreenBuffer, named name: String, filePath: String = #filePath,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    assertTextSnapshot(
        buffer.snapshot, named: name, shownWhenRecorded: buffer.text, filePath: filePath,
        sourceLocation: sourceLocation)
}

/// Renders a program into a fresh buffer of the given size, without a run loop.
public func render<P: TerminalProgram>(_ program: P, width: Int, height: Int, theme: Theme = .unicode)
    -> ScreenBuffer
{
    var buffer = ScreenBuffer(size: Size(width: width, height: height))
    program.render(into: &buffer, theme: theme)
    return buffer
}

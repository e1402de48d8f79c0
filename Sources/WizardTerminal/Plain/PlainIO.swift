import Foundation
import RemoteClusterKit
import WizardCore

/// The input and output of plain mode: lines in, text out, secrets read without echo.
public struct PlainIO {
    /// Reads one line without its newline; nil at end of input.
    public var readLine: () -> String?
    /// Reads a secret without echo; nil at end of input.
    public var readSecret: (String) -> String?
    /// Writes text (prompts have no newline), with control characters made visible
    /// (`TerminalText.visible`): prompts show text from servers and files.
    public var write: (String) -> Void
    public var glyphs: Glyphs

    public init(
        readLine: @escaping () -> String?, readSecret: @escaping (String) -> String?,
        write: @escaping (String) -> Void, glyphs: Glyphs
    ) {
        self.readLine = readLine
        self.readSecret = readSecret
        self.write = { write(TerminalText.visible($0)) }
        self.glyphs = glyphs
    }

    /// What plain mode writes back for an answer read from a pipe: the line, its control
    /// characters (an escape sequence pasted or piped in) made visible, and a line break.
    static func echoed(_ line: String) -> String { TerminalText.visible(line, keepingLineBreaks: false) + "\n" }

    /// Standard input and output; secrets are read with echo off when stdin is a terminal. When
    /// stdin is not a terminal, answers are echoed (secrets as mask marks) so the output reads as a log.
    public static func standard(glyphs: Glyphs) -> PlainIO {
        let echo = isatty(STDIN_FILENO) != 1
        let output = FileHandle.standardOutput
        return PlainIO(
            readLine: {
                let line = Swift.readLine(strippingNewline: true)
                if echo, let line { output.write(Data(echoed(line).utf8)) }
                return line
            },
            readSecret: { prompt in
                let line = TerminalEcho.readWithoutEcho(prompt: prompt)
                // As many mask marks as the secret has characters (at most 12), in the locale's glyphs.
                if echo, let line {
                    output.write(Data((String(repeating: glyphs.mask, count: min(line.count, 12)) + "\n").utf8))
                }
                return line
            },
            write: { text in
                FileHandle.standardOutput.write(Data(text.utf8))
            },
            glyphs: glyphs)
    }
}

/// Reading a line with echo turned off (for secrets in plain mode).
public enum TerminalEcho {
    /// Echo goes off before the prompt shows, so nothing typed after seeing it is echoed, and
    /// typed-ahead input is kept (no flush).
    public static func readWithoutEcho(prompt: String) -> String? {
        guard isatty(STDIN_FILENO) == 1 else {
            FileHandle.standardOutput.write(Data(prompt.utf8))
            return Swift.readLine(strippingNewline: true)
        }
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSANOW, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSANOW, &saved)
            FileHandle.standardOutput.write(Data("\n".utf8))
        }
        FileHandle.standardOutput.write(Data(prompt.utf8))
        return Swift.readLine(strippingNewline: true)
    }
}

import CNcurses
import Foundation
import WizardCore

/// The real terminal through ncursesw: wide-character output, colours (or bold/reverse without
/// them), key decoding with a short Esc delay, bracketed paste and resize.
///
/// Nothing happens on `init`; `start()` takes over the terminal and `stop()` gives it back. `stop()` is
/// idempotent and also runs on deinit, so every exit path restores the terminal.
public final class NcursesTerminal: TerminalDevice {
    public private(set) var theme: Theme = .unicode
    public private(set) var size = Size(width: 80, height: 24)
    private var isActive = false
    private var decoder = KeyDecoder(keyCodes: NcursesKeyTable.keys)
    private var drawn: ScreenBuffer?
    private var colorPairs: [Style.Role: Int16] = [:]
    /// How long to wait after a lone Esc for the rest of a sequence.
    static let escapeDelayMilliseconds: Int32 = 25

    public init() {}

    deinit { stop() }

    /// Whether the ncurses terminal can be used: both standard streams are terminals and TERM is not dumb.
    public static var isUsable: Bool {
        let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
        return isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 && !term.isEmpty && term != "dumb"
    }

    /// Takes over the terminal. `glyphs` overrides the choice made from the locale.
    public func start(glyphs: Glyphs? = nil) throws {
        guard !isActive else { return }
        let localeGlyphs = LocaleGlyphs.current()
        set_escdelay(Self.escapeDelayMilliseconds)
        let shellSettings = TakenTerminal.currentSettings()
        guard initscr() != nil else {
            throw TerminalError(
                "ncurses could not initialise the terminal (TERM=\(ProcessInfo.processInfo.environment["TERM"] ?? ""))")
        }
        isActive = true
        TakenTerminal.taken(restoring: shellSettings)
        cn_install_signal_handlers()
        raw()
        noecho()
        nonl()
        keypad(cn_stdscr(), true)
        intrflush(cn_stdscr(), false)
        let noColor = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        let colors = !noColor && has_colors()
        if colors { setUpColors() }
        theme = Theme(glyphs: glyphs ?? localeGlyphs, colors: colors)
        cn_write_raw("\u{1B}[?2004h")
        size = Size(width: Int(cn_cols()), height: Int(cn_lines()))
        drawn = nil
    }

    /// Gives the terminal back: leaves curses mode, turns bracketed paste off, shows the cursor and
    /// restores default signal handling. Safe to call more than once.
    public func stop() {
        guard isActive else { return }
        isActive = false
        cn_write_raw("\u{1B}[?2004l")
        curs_set(1)
        endwin()
        // After endwin: an exit from another thread meanwhile still gives the terminal back.
        TakenTerminal.givenBack()
        cn_restore_default_signals()
    }

    private func setUpColors() {
        start_color()
        use_default_colors()
        let table: [(Style.Role, Int16)] = [
            (.accent, Int16(COLOR_CYAN)), (.success, Int16(COLOR_GREEN)), (.warning, Int16(COLOR_YELLOW)),
            (.failure, Int16(COLOR_RED)), (.title, Int16(COLOR_CYAN)), (.border, Int16(COLOR_BLUE)),
        ]
        for (index, entry) in table.enumerated() {
            let pair = Int16(index + 1)
            init_pair(pair, entry.1, cn_color_default())
            colorPairs[entry.0] = pair
        }
    }

    public func readInput(timeoutMilliseconds: Int) -> [TerminalInput] {
        guard isActive else { return [] }
        var inputs: [TerminalInput] = []
        var wait = Int32(max(0, timeoutMilliseconds))
        while true {
            if let signal = takeSignal() { return inputs + [.interrupted(signal: signal)] }
            wtimeout(cn_stdscr(), wait)
            var value: wint_t = 0
            let status = cn_get_wch(cn_stdscr(), &value)
            if status == cn_err() {
                if let signal = takeSignal() { return inputs + [.interrupted(signal: signal)] }
                // Nothing followed an Esc in time: it was the Esc key. (A paste continues on the next read.)
                if decoder.isPending, !decoder.isInPaste { inputs += decoder.flush().map(TerminalInput.key) }
                return inputs
            }
            if status == cn_key_code_yes() {
                if Int32(value) == cn_key_resize() {
                    size = Size(width: Int(cn_cols()), height: Int(cn_lines()))
                    drawn = nil
                    inputs.append(.resize(size))
                } else {
                    inputs += decoder.feed(.keyCode(Int32(value))).map(TerminalInput.key)
                }
            } else {
                inputs += decoder.feed(.character(UInt32(value))).map(TerminalInput.key)
            }
            // Keep reading what is already buffered (rest of a sequence or a paste) without waiting long.
            wait = decoder.isPending ? (decoder.isInPaste ? 200 : Self.escapeDelayMilliseconds) : 0
        }
    }

    private func takeSignal() -> Int32? {
        let signal = cn_take_signal()
        return signal == 0 ? nil : signal
    }

    public func draw(_ buffer: ScreenBuffer) {
        guard isActive else { return }
        let window = cn_stdscr()
        let redrawAll = drawn?.size != buffer.size
        if redrawAll { werase(window) }
        for row in 0..<buffer.size.height {
            for column in 0..<buffer.size.width {
                let cell = buffer[column, row]
                if cell.isContinuation { continue }
                if !redrawAll, let drawn, drawn[column, row] == cell,
                    column + 1 >= buffer.size.width || drawn[column + 1, row] == buffer[column + 1, row]
                {
                    continue
                }
                put(cell, row: row, column: column, window: window)
            }
        }
        if let cursor = buffer.cursor {
            curs_set(1)
            wmove(window, Int32(cursor.row), Int32(cursor.column))
        } else {
            curs_set(0)
        }
        wrefresh(window)
        drawn = buffer
    }

    private func put(_ cell: Cell, row: Int, column: Int, window: UnsafeMutablePointer<WINDOW>?) {
        // The last cell of the screen cannot take a wide character; ncurses also refuses to scroll.
        var scalars = cell.grapheme.unicodeScalars.prefix(5).map { wchar_t(bitPattern: $0.value) }
        scalars.append(0)
        let (attributes, pair) = attributes(for: cell.style)
        _ = scalars.withUnsafeBufferPointer { pointer in
            cn_mvadd_cluster(window, Int32(row), Int32(column), pointer.baseAddress, attributes, pair)
        }
    }

    private func attributes(for style: Style) -> (UInt32, Int16) {
        var attributes = cn_a_normal()
        var pair: Int16 = 0
        if theme.colors {
            pair = colorPairs[style.role] ?? 0
            if style.role == .muted { attributes |= cn_a_dim() }
            if style.role == .title { attributes |= cn_a_bold() }
        } else {
            switch style.role {
            case .accent, .title, .warning: attributes |= cn_a_bold()
            case .failure: attributes |= cn_a_bold() | cn_a_underline()
            case .muted: attributes |= cn_a_dim()
            case .normal, .success, .border: break
            }
        }
        if style.bold { attributes |= cn_a_bold() }
        if style.reverse { attributes |= cn_a_reverse() }
        if style.underline { attributes |= cn_a_underline() }
        return (attributes, pair)
    }
}

/// The terminal could not be set up.
public struct TerminalError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

import WizardCore

/// One unit of raw input from the terminal library: a character, or a key code it already decoded.
public enum RawInput: Sendable, Hashable {
    case character(UInt32)
    case keyCode(Int32)
}

/// Turns raw terminal input into `Key`s: control characters, escape sequences the library did not
/// decode (CSI and SS3 forms of arrows, Home/End, function keys), Alt+key, and bracketed paste
/// (`ESC [200~ … ESC [201~`, delivered as one `.paste`). A lone Esc is only known after a short
/// pause without more input: the caller calls `flush()` then.
public struct KeyDecoder: Sendable {
    private enum State: Sendable {
        case ground
        case escape
        case csi(String)
        case ss3
        case paste(String)
    }

    private var state = State.ground
    /// Maps the library's key codes (ncurses KEY_*) to keys.
    private let keyCodes: [Int32: Key]

    public init(keyCodes: [Int32: Key] = [:]) { self.keyCodes = keyCodes }

    /// Whether the decoder waits for more input to finish a sequence (then wait briefly and `flush`).
    public var isPending: Bool {
        if case .ground = state { return false }
        return true
    }

    /// Whether a bracketed paste is being collected (no Esc timeout applies then).
    public var isInPaste: Bool {
        if case .paste = state { return true }
        return false
    }

    public mutating func feed(_ input: RawInput) -> [Key] {
        switch input {
        case .keyCode(let code):
            if case .paste = state { return [] }
            let pendingEscape: [Key] = isPending ? [.escape] : []
            state = .ground
            return pendingEscape + (keyCodes[code].map { [$0] } ?? [])
        case .character(let value):
            return feed(character: value)
        }
    }

    /// Ends a pending sequence after a pause: a lone Esc becomes `.escape`; a cut-off sequence is dropped.
    public mutating func flush() -> [Key] {
        defer { if !isInPaste { state = .ground } }
        switch state {
        case .escape: return [.escape]
        case .csi, .ss3: return [.escape]
        case .ground, .paste: return []
        }
    }

    private mutating func feed(character value: UInt32) -> [Key] {
        switch state {
        case .ground:
            return Self.plainKey(value).map { [$0] } ?? startEscape(value)
        case .escape:
            switch value {
            case 0x5B:  // [
                state = .csi("")
                return []
            case 0x4F:  // O
                state = .ss3
                return []
            case 0x1B:
                return [.escape]
            default:
                // Alt+key: report Esc then the key.
                state = .ground
                return [.escape] + (Self.plainKey(value).map { [$0] } ?? [])
            }
        case .csi(let parameters):
            if (0x30...0x3F).contains(value) {
                state = .csi(parameters + String(UnicodeScalar(UInt8(value))))
                return []
            }
            state = .ground
            guard (0x40...0x7E).contains(value) else { return [] }
            let final = Character(UnicodeScalar(UInt8(value)))
            if final == "~", parameters == "200" {
                state = .paste("")
                return []
            }
            return Self.csiKey(parameters: parameters, final: final).map { [$0] } ?? []
        case .ss3:
            state = .ground
            let table: [UInt32: Key] = [
                0x41: .up, 0x42: .down, 0x43: .right, 0x44: .left, 0x48: .home, 0x46: .end,
                0x50: .function(1), 0x51: .function(2), 0x52: .function(3), 0x53: .function(4), 0x4D: .enter,
            ]
            return table[value].map { [$0] } ?? []
        case .paste(var text):
            guard let scalar = UnicodeScalar(value) else { return [] }
            text.unicodeScalars.append(scalar == "\r" ? "\n" : scalar)
            let end = "\u{1B}[201~"
            if text.hasSuffix(end) {
                state = .ground
                return [.paste(String(text.dropLast(end.count)))]
            }
            state = .paste(text)
            return []
        }
    }

    private mutating func startEscape(_ value: UInt32) -> [Key] {
        if value == 0x1B { state = .escape }
        return []
    }

    /// Keys that need no sequence: printable characters and control characters.
    static func plainKey(_ value: UInt32) -> Key? {
        switch value {
        case 0x1B: return nil
        case 0x0D, 0x0A: return .enter
        case 0x09: return .tab
        case 0x7F, 0x08: return .backspace
        case 0x00: return .control(" ")
        case 0x01...0x1A: return .control(Character(UnicodeScalar(UInt8(value + 0x60))))
        case 0x1C...0x1F: return nil
        default:
            guard let scalar = UnicodeScalar(value), value >= 0x20, !(0x80..<0xA0).contains(value) else { return nil }
            return .character(Character(scalar))
        }
    }

    /// `ESC [ parameters final` as a key (xterm and VT220 forms).
    static func csiKey(parameters: String, final: Character) -> Key? {
        // Modifiers (";2" etc.) are ignored except Shift-Tab's own final Z.
        let first = parameters.split(separator: ";").first.map(String.init) ?? ""
        switch final {
        case "A": return .up
        case "B": return .down
        case "C": return .right
        case "D": return .left
        case "H": return .home
        case "F": return .end
        case "Z": return .backTab
        case "P": return .function(1)
        case "Q": return .function(2)
        case "R": return .function(3)
        case "S": return .function(4)
        case "~":
            let table: [String: Key] = [
                "1": .home, "7": .home, "2": .insert, "3": .delete, "4": .end, "8": .end, "5": .pageUp, "6": .pageDown,
                "11": .function(1), "12": .function(2), "13": .function(3), "14": .function(4), "15": .function(5),
                "17": .function(6), "18": .function(7), "19": .function(8), "20": .function(9), "21": .function(10),
                "23": .function(11), "24": .function(12),
            ]
            return table[first]
        default: return nil
        }
    }
}

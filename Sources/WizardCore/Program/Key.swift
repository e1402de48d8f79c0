/// A key press (or a paste) after decoding, independent of the terminal library.
public enum Key: Sendable, Hashable, CustomStringConvertible {
    /// A printable character.
    case character(Character)
    /// A control key, named by its lower-case letter: `.control("a")` is Ctrl-A.
    case control(Character)
    case enter, tab, backTab, escape, backspace, delete, insert
    case up, down, left, right, home, end, pageUp, pageDown
    /// F1...F12.
    case function(Int)
    /// Text pasted with bracketed paste, delivered at once.
    case paste(String)

    public var description: String {
        switch self {
        case .character(let c): return String(c)
        case .control(let c): return "Ctrl-\(c.uppercased())"
        case .function(let n): return "F\(n)"
        case .paste(let text): return "paste(\(text.count) characters)"
        case .enter: return "Enter"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .escape: return "Esc"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .insert: return "Insert"
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        }
    }
}

/// A key and what it does, for footers: `Tab next field`.
public struct KeyHint: Sendable, Hashable {
    public var keys: String
    public var action: String
    public init(_ keys: String, _ action: String) {
        self.keys = keys
        self.action = action
    }
}

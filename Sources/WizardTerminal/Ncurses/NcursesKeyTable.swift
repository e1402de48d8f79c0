import CNcurses
import WizardCore

/// The ncurses key codes (`KEY_*`) the wizard understands, as keys.
public enum NcursesKeyTable {
    public static let keys: [Int32: Key] = {
        var table: [Int32: Key] = [
            KEY_UP: .up, KEY_DOWN: .down, KEY_LEFT: .left, KEY_RIGHT: .right,
            KEY_HOME: .home, KEY_END: .end, KEY_NPAGE: .pageDown, KEY_PPAGE: .pageUp,
            KEY_BACKSPACE: .backspace, KEY_DC: .delete, KEY_IC: .insert, KEY_ENTER: .enter, KEY_BTAB: .backTab,
        ]
        for n in 1...12 { table[cn_key_f(Int32(n))] = .function(n) }
        return table
    }()
}

/// A question in a box over the screen, with buttons. ←/→ or Tab move between buttons, Enter
/// picks, Esc picks the cancel button, and a button's first letter picks it directly (in a
/// two-button question y and n also answer it).
public struct ModalDialog: Sendable, Hashable {
    public var title: String
    public var message: String
    public var buttons: [String]
    public var focused: Int
    /// The button Esc stands for.
    public var cancelIndex: Int

    public init(title: String, message: String, buttons: [String], focused: Int = 0, cancelIndex: Int? = nil) {
        self.title = title
        self.message = message
        self.buttons = buttons
        self.focused = focused
        self.cancelIndex = cancelIndex ?? max(0, buttons.count - 1)
    }

    /// A yes/no dialog with "No" focused, so a stray Enter changes nothing.
    public static func confirm(title: String, message: String, yes: String = "Yes", no: String = "No") -> ModalDialog {
        ModalDialog(title: title, message: message, buttons: [yes, no], focused: 1, cancelIndex: 1)
    }

    /// The keys that answer the dialog, for the footer while it is open.
    public var keyHints: [KeyHint] {
        var hints = [KeyHint("←→", "choose"), KeyHint("Enter", "select")]
        let cancel = buttons.indices.contains(cancelIndex) ? buttons[cancelIndex].lowercased() : "cancel"
        if buttons.count == 2 {
            hints.append(KeyHint("y", buttons[cancelIndex == 0 ? 1 : 0].lowercased()))
            hints.append(KeyHint("n/Esc", cancel))
        } else {
            hints.append(KeyHint("Esc", cancel))
        }
        return hints
    }

    /// The dialog as line-prompt actions: each button by its first letter, Enter for the focused one.
    public var plainActions: [PlainAction] {
        buttons.map { title in
            let letter = title.lowercased().first ?? "?"
            return PlainAction(String(letter), title, key: .character(letter))
        } + [PlainAction("", buttons.indices.contains(focused) ? buttons[focused] : "", key: .enter)]
    }

    /// What a key did to the dialog.
    public enum Outcome: Sendable, Hashable {
        case pending
        case chose(Int)
    }

    public mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .left, .backTab: focused = (focused + buttons.count - 1) % buttons.count
        case .right, .tab: focused = (focused + 1) % buttons.count
        case .enter: return .chose(focused)
        case .escape: return .chose(cancelIndex)
        case .character(let c):
            let lower = c.lowercased()
            // In a two-button question, y and n answer it whatever the buttons are called.
            if buttons.count == 2, lower == "y" { return .chose(cancelIndex == 0 ? 1 : 0) }
            if buttons.count == 2, lower == "n" { return .chose(cancelIndex) }
            if let index = buttons.firstIndex(where: { $0.first.map { $0.lowercased() == lower } ?? false }) {
                return .chose(index)
            }
        default: break
        }
        return .pending
    }

    /// Draws the dialog centred in `area`, clearing what is under it.
    public func render(into buffer: inout ScreenBuffer, area: Rect, theme: Theme) {
        let width = min(area.width - 4, max(40, min(64, DisplayWidth.of(message) + 6)))
        let lines = TextLayout.wrap(message, width: max(1, width - 4))
        let height = lines.count + 5
        let box = area.centered(width: width, height: height)
        buffer.fill(box)
        buffer.drawBox(box, glyphs: theme.glyphs, style: Style(.accent, bold: true), title: title)
        for (index, line) in lines.enumerated() {
            buffer.write(line, x: box.x + 2, y: box.y + 2 + index, width: box.width - 4)
        }
        let labels = buttons.map { " \($0) " }
        let total = labels.map { DisplayWidth.of($0) }.reduce(0, +) + 2 * (labels.count - 1)
        var x = box.x + (box.width - total) / 2
        for (index, label) in labels.enumerated() {
            let style: Style = index == focused ? .selected : Style(.normal, bold: true)
            x += buffer.write(label, x: x, y: box.maxY - 2, style: style) + 2
        }
        buffer.cursor = nil
    }
}

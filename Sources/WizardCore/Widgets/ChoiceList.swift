/// One option of a choice list.
public struct ChoiceOption: Sendable, Hashable {
    /// A stable identifier that answers are stored under.
    public var id: String
    public var title: String
    /// A short explanation shown beside the title when there is room.
    public var detail: String

    public init(id: String, title: String, detail: String = "") {
        self.id = id
        self.title = title
        self.detail = detail
    }
}

/// Pick one of several options with ↑/↓ (or j/k), Home/End. At the first or last option the
/// arrow is left to the screen, so it moves to the neighbouring field.
public struct ChoiceList: Sendable, Hashable {
    public var options: [ChoiceOption]
    public var highlighted: Int

    public init(_ options: [ChoiceOption], selected: Int = 0) {
        self.options = options
        self.highlighted = min(max(0, selected), max(0, options.count - 1))
    }

    public var selected: ChoiceOption? { options.indices.contains(highlighted) ? options[highlighted] : nil }

    /// Selects the option with this id, if there is one.
    public mutating func select(id: String) {
        if let index = options.firstIndex(where: { $0.id == id }) { highlighted = index }
    }

    public mutating func handle(_ key: Key) -> KeyOutcome {
        moveHighlight(&highlighted, count: options.count, for: key) ?? .ignored
    }

    /// One line per option: pointer, title (padded to the longest), detail.
    public func render(into buffer: inout ScreenBuffer, rect: Rect, focused: Bool, glyphs: Glyphs) {
        let titleWidth = (options.map { DisplayWidth.of($0.title) }.max() ?? 0) + 3
        for (index, option) in options.enumerated() where index < rect.height {
            let y = rect.y + index
            let isOn = index == highlighted
            let marker = isOn ? glyphs.pointer : " "
            let style: Style = isOn ? (focused ? .focus : Style(.normal, bold: true)) : .normal
            if isOn { buffer.write(marker, x: rect.x, y: y, style: focused ? .focus : Style(.normal, bold: true)) }
            buffer.write(option.title, x: rect.x + 2, y: y, width: rect.width - 2, style: style)
            let detailX = rect.x + 2 + titleWidth
            if !option.detail.isEmpty, detailX < rect.maxX - 8 {
                buffer.write(option.detail, x: detailX, y: y, width: rect.maxX - detailX, style: .muted)
            }
        }
    }
}

/// Pick any number of options: ↑/↓ (or j/k), Home/End to move, Space (or x) to toggle.
public struct MultiChoice: Sendable, Hashable {
    public var options: [ChoiceOption]
    public var highlighted = 0
    public private(set) var chosen: Set<String>

    public init(_ options: [ChoiceOption], chosen: Set<String> = []) {
        self.options = options
        self.chosen = chosen
    }

    /// The ids of the chosen options, in option order.
    public var chosenIDs: [String] { options.map(\.id).filter { chosen.contains($0) } }

    public mutating func handle(_ key: Key) -> KeyOutcome {
        if let outcome = moveHighlight(&highlighted, count: options.count, for: key) { return outcome }
        switch key {
        case .character(" "), .character("x"):
            guard options.indices.contains(highlighted) else { return .ignored }
            let id = options[highlighted].id
            if chosen.contains(id) { chosen.remove(id) } else { chosen.insert(id) }
        default:
            return .ignored
        }
        return .handled
    }

    public func render(into buffer: inout ScreenBuffer, rect: Rect, focused: Bool, glyphs: Glyphs) {
        let textWidth = (options.map { DisplayWidth.of($0.title) }.max() ?? 0) + DisplayWidth.of(glyphs.checkOn) + 1
        for (index, option) in options.enumerated() where index < rect.height {
            let y = rect.y + index
            let isOn = index == highlighted && focused
            let box = chosen.contains(option.id) ? glyphs.checkOn : glyphs.checkOff
            if isOn { buffer.write(glyphs.pointer, x: rect.x, y: y, style: .focus) }
            let text = "\(box) \(option.title)"
            buffer.write(text, x: rect.x + 2, y: y, width: rect.width - 2, style: isOn ? .focus : .normal)
            let detailX = rect.x + 2 + textWidth + 3
            if !option.detail.isEmpty, detailX < rect.maxX - 8 {
                buffer.write(option.detail, x: detailX, y: y, width: rect.maxX - detailX, style: .muted)
            }
        }
    }
}

/// A yes/no question: ←/→ or Space to switch, y/n to answer directly.
public struct Confirm: Sendable, Hashable {
    public var value: Bool
    public var yes: String
    public var no: String

    public init(_ value: Bool = false, yes: String = "Yes", no: String = "No") {
        self.value = value
        self.yes = yes
        self.no = no
    }

    public mutating func handle(_ key: Key) -> KeyOutcome {
        switch key {
        case .left, .right, .character(" "): value.toggle()
        case .character("y"), .character("Y"): value = true
        case .character("n"), .character("N"): value = false
        default: return .ignored
        }
        return .handled
    }

    public func render(into buffer: inout ScreenBuffer, rect: Rect, focused: Bool, glyphs: Glyphs) {
        var x = rect.x
        for (label, isOn) in [(yes, value), (no, !value)] {
            let text = "\(isOn ? glyphs.radioOn : glyphs.radioOff) \(label)"
            let style: Style = isOn ? (focused ? .focus : Style(.normal, bold: true)) : .normal
            x += buffer.write(text, x: x, y: rect.y, style: style, clip: rect) + 3
        }
    }
}

/// Moves a list's highlight for ↑/↓ (or k/j), Home and End. Returns nil when the key is not a
/// movement, and `.ignored` when ↑/↓ would leave the list, so the form moves to the neighbouring field.
func moveHighlight(_ highlighted: inout Int, count: Int, for key: Key) -> KeyOutcome? {
    switch key {
    case .up, .character("k"):
        guard highlighted > 0 else { return .ignored }
        highlighted -= 1
    case .down, .character("j"):
        guard highlighted < count - 1 else { return .ignored }
        highlighted += 1
    case .home:
        highlighted = 0
    case .end:
        highlighted = max(0, count - 1)
    default:
        return nil
    }
    return .handled
}

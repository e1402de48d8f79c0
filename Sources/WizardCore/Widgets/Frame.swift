/// One entry of the step rail shown at the left when the terminal is wide.
public struct RailItem: Sendable, Hashable {
    public enum State: Sendable, Hashable { case done, current, upcoming }
    public var title: String
    public var state: State
    public init(_ title: String, state: State) {
        self.title = title
        self.state = state
    }
}

/// Step n of m, 1-based, as shown in the frame's top line.
public struct StepProgress: Sendable, Hashable {
    public var number: Int
    public var count: Int
    public init(_ number: Int, of count: Int) {
        self.number = number
        self.count = count
    }
}

/// The frame every screen sits in: a box whose top line names the product, the branch taken and
/// the step, the screen's title, the body, and a footer with the keys that work here.
///
/// ```
/// ┌ remote-cluster-wizard ─────────── ECK local → ECK remote ─ 4/9 ┐
/// │ Connection details                                             │
/// │ (body)                                                         │
/// ├────────────────────────────────────────────────────────────────┤
/// │ Tab next field · Enter continue · Esc back · q quit            │
/// └────────────────────────────────────────────────────────────────┘
/// ```
public struct Frame: Sendable, Hashable {
    /// Below this size screens are not drawn; a message asks for a larger terminal.
    public static let minimumSize = Size(width: 60, height: 18)
    /// From this width on, the step rail is shown.
    public static let railMinimumWidth = 100
    static let railWidth = 26

    public var product: String
    /// The branch taken, e.g. "ECK local → ECK remote".
    public var branch: String?
    /// Step n of m.
    public var step: StepProgress?
    /// The screen's title, under the top line.
    public var title: String
    /// The keys that work on this screen.
    public var keys: [KeyHint]
    /// The steps for the rail (shown at 100 columns and more).
    public var rail: [RailItem]

    public init(
        product: String = "remote-cluster-wizard", branch: String? = nil, step: StepProgress? = nil,
        title: String, keys: [KeyHint], rail: [RailItem] = []
    ) {
        self.product = product
        self.branch = branch
        self.step = step
        self.title = title
        self.keys = keys
        self.rail = rail
    }

    /// The footer text: `Tab next field · Enter continue`. When it is wider than `width`, hints
    /// before the last one (quit) are left out from the end until it fits, so no hint is cut in half.
    public func footer(glyphs: Glyphs, width: Int = .max) -> String {
        var hints = keys.map { "\(Self.keyName($0.keys, glyphs: glyphs)) \($0.action)" }
        var text = hints.joined(separator: glyphs.separator)
        while hints.count > 1, DisplayWidth.of(text) > width {
            hints.remove(at: hints.count - 2)
            text = hints.joined(separator: glyphs.separator)
        }
        return text
    }

    /// Key names with arrows spelled out when the glyphs are ASCII only.
    static func keyName(_ keys: String, glyphs: Glyphs) -> String {
        guard glyphs == .ascii else { return keys }
        return keys.replacingOccurrences(of: "↑↓←→", with: "arrows").replacingOccurrences(of: "↑↓", with: "Up/Down")
            .replacingOccurrences(of: "←→", with: "Left/Right")
            .replacingOccurrences(of: "↓", with: "Down").replacingOccurrences(of: "↑", with: "Up")
    }

    /// Draws the frame and returns the body rectangle, or draws the "too small" message and returns nil.
    public func render(into buffer: inout ScreenBuffer, theme: Theme) -> Rect? {
        let size = buffer.size
        guard size.width >= Self.minimumSize.width, size.height >= Self.minimumSize.height else {
            Self.renderTooSmall(into: &buffer, theme: theme)
            return nil
        }
        let g = theme.glyphs
        let outer = buffer.bounds
        buffer.drawBox(outer, glyphs: g)
        // Top line: product on the left, branch and step on the right.
        var right = ""
        if let branch { right += " \(branch) " }
        if let step { right += (branch == nil ? " " : String(g.horizontal) + " ") + "\(step.number)/\(step.count) " }
        // Rail first, so the product name in the top line is drawn over the rail's joint.
        let (railRect, content) = Self.layout(size, withRail: !rail.isEmpty)
        if let railRect { renderRail(into: &buffer, rect: railRect, glyphs: g) }
        let productText = " \(product) "
        buffer.write(productText, x: 2, y: 0, style: .title)
        let rightWidth = DisplayWidth.of(right)
        let productWidth = DisplayWidth.of(productText)
        if rightWidth > 0, 2 + productWidth + 2 + rightWidth < outer.width - 2 {
            buffer.write(right, x: outer.width - 2 - rightWidth, y: 0, style: Style(.accent, bold: true))
        }
        // Footer.
        buffer.drawDivider(y: outer.height - 3, from: 0, width: outer.width, glyphs: g)
        buffer.write(
            footer(glyphs: g, width: outer.width - 4), x: 2, y: outer.height - 2, width: outer.width - 4, style: .muted)
        if let railRect {
            buffer.write(String(g.teeLeft == "+" ? "+" : "┴"), x: railRect.maxX - 1, y: railRect.maxY, style: .border)
        }
        buffer.write(title, x: content.x + 1, y: content.y, width: content.width - 2, style: .title)
        return content.inset(top: 2, left: 1, bottom: 0, right: 1)
    }

    /// The body rectangle `render` returns for this size, or nil below the minimum size. Lets
    /// `update` know field widths without drawing.
    public static func bodyRect(in size: Size, withRail: Bool) -> Rect? {
        guard size.width >= minimumSize.width, size.height >= minimumSize.height else { return nil }
        return layout(size, withRail: withRail).content.inset(top: 2, left: 1, bottom: 0, right: 1)
    }

    /// The rail (when shown) and the content area (title and body) inside the box.
    private static func layout(_ size: Size, withRail: Bool) -> (rail: Rect?, content: Rect) {
        let content = Rect(size: size).inset(top: 1, left: 1, bottom: 3, right: 1)
        guard size.width >= railMinimumWidth, withRail else { return (nil, content) }
        let parts = content.columns([.fixed(railWidth), .fill])
        return (parts[0], parts[1])
    }

    private func renderRail(into buffer: inout ScreenBuffer, rect: Rect, glyphs g: Glyphs) {
        for row in rect.y..<rect.maxY {
            buffer.write(String(g.vertical), x: rect.maxX - 1, y: row, style: .border)
        }
        buffer.write(String(g.horizontal), x: rect.maxX - 1, y: rect.y - 1, style: .border)
        buffer.write(String(g.teeLeft == "+" ? "+" : "┬"), x: rect.maxX - 1, y: rect.y - 1, style: .border)
        buffer.write(String(g.teeLeft == "+" ? "+" : "┴"), x: rect.maxX - 1, y: rect.maxY, style: .border)
        buffer.write("Steps", x: rect.x + 1, y: rect.y, style: Style(.muted, bold: true))
        for (index, item) in rail.enumerated() where index + 2 < rect.height {
            let mark: String
            let style: Style
            switch item.state {
            case .done: (mark, style) = (g.ok, .success)
            case .current: (mark, style) = (g.pointer, .focus)
            case .upcoming: (mark, style) = (" ", .muted)
            }
            let y = rect.y + 2 + index
            let used = buffer.write(mark, x: rect.x + 1, y: y, style: style)
            let textStyle: Style = item.state == .current ? .focus : (item.state == .done ? .normal : .muted)
            buffer.write(
                item.title, x: rect.x + 2 + max(used, 1), y: y,
                width: rect.width - 4 - max(used, 1), style: textStyle)
        }
    }

    /// The message shown instead of a screen when the terminal is smaller than `minimumSize`.
    public static func renderTooSmall(into buffer: inout ScreenBuffer, theme: Theme) {
        let size = buffer.size
        let text =
            "Terminal too small: \(size.width)x\(size.height). "
            + "Make it at least \(minimumSize.width)x\(minimumSize.height). q quits."
        let lines = TextLayout.wrap(text, width: max(1, size.width - 2))
        let top = max(0, (size.height - lines.count) / 2)
        for (index, line) in lines.enumerated() {
            let x = max(0, (size.width - DisplayWidth.of(line)) / 2)
            buffer.write(line, x: x, y: top + index, style: Style(.warning, bold: true))
        }
        buffer.cursor = nil
    }
}

import Foundation

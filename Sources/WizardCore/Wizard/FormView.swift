import RemoteClusterKit

/// Draws a step's intro and fields: label on the left (or above lists), the control, then the
/// field's note, and the problems under it. Scrolls so the focused field is always fully visible.
public enum FormView {
    /// The width of the label column.
    static func labelWidth(for step: WizardStep, in width: Int) -> Int {
        let longest = step.fields.filter { !$0.control.isList }.map { DisplayWidth.of($0.label) }.max() ?? 0
        return min(longest + 2, max(12, width / 3))
    }

    /// The width of single-line controls (text, secret, path) for a step drawn in a body this wide.
    public static func controlWidth(for step: WizardStep, bodyWidth: Int) -> Int {
        max(1, bodyWidth - labelWidth(for: step, in: bodyWidth))
    }

    /// Lines a field needs at this width.
    static func height(of field: FormField, labelWidth: Int, width: Int, glyphs: Glyphs) -> Int {
        var lines: Int
        switch field.control {
        case .choice(let list): lines = 1 + list.options.count
        case .multiChoice(let list): lines = 1 + list.options.count
        case .path(let path): lines = 1 + path.extraLines
        default: lines = 1
        }
        let textWidth = max(1, width - labelWidth)
        if let note = field.note { lines += TextLayout.wrap(note, width: textWidth).count }
        for problem in field.problems { lines += problemLines(problem, width: textWidth, glyphs: glyphs).count }
        return lines
    }

    public static func render(_ step: WizardStep, into buffer: inout ScreenBuffer, rect: Rect, theme: Theme) {
        var area = rect
        if let intro = step.intro {
            let lines = TextLayout.wrap(intro, width: area.width)
            for (index, line) in lines.enumerated() where index < area.height {
                buffer.write(line, x: area.x, y: area.y + index)
            }
            area = area.inset(top: min(area.height, lines.count + 1))
        }
        let labelWidth = labelWidth(for: step, in: area.width)
        let heights = step.fields.map {
            height(of: $0, labelWidth: labelWidth, width: area.width, glyphs: theme.glyphs)
        }
        // The first field shown: as early as possible while the focused field still fits, leaving a
        // row for each "more" marker that will be needed.
        var first = 0
        func span(_ from: Int, _ through: Int) -> Int { heights[from...through].reduce(0, +) }
        let last = step.fields.count - 1
        if !step.fields.isEmpty {
            let total = span(0, last)
            if total > area.height {
                while first < step.focus,
                    span(first, step.focus) > area.height - (first > 0 ? 1 : 0) - (step.focus < last ? 1 : 0)
                {
                    first += 1
                }
            }
        }
        var y = area.y
        if first > 0 {
            buffer.write("\(theme.glyphs.ellipsisUp) more above", x: area.x + labelWidth, y: y, style: .muted)
            y += 1
        }
        for index in first..<step.fields.count {
            let height = heights[index]
            let restFits = y + span(index, last) <= area.maxY
            if !restFits && y + height > area.maxY - 1 {
                buffer.write("\(theme.glyphs.ellipsisDown) more below", x: area.x + labelWidth, y: y, style: .muted)
                break
            }
            renderField(
                step.fields[index], focused: index == step.focus, into: &buffer,
                rect: Rect(x: area.x, y: y, width: area.width, height: height), labelWidth: labelWidth,
                theme: theme)
            y += height
        }
    }

    static func renderField(
        _ field: FormField, focused: Bool, into buffer: inout ScreenBuffer, rect: Rect,
        labelWidth: Int, theme: Theme
    ) {
        let g = theme.glyphs
        let hasError = !field.problems.errors.isEmpty
        let labelStyle: Style = focused ? .focus : (hasError ? Style(.failure, bold: true) : .normal)
        var y = rect.y
        let controlX: Int
        if field.control.isList {
            buffer.write(field.label, x: rect.x, y: y, width: rect.width, style: labelStyle)
            y += 1
            controlX = rect.x + 2
        } else {
            buffer.write(field.label, x: rect.x, y: y, width: labelWidth - 1, style: labelStyle)
            controlX = rect.x + labelWidth
        }
        let controlWidth = rect.maxX - controlX
        switch field.control {
        case .text(let control):
            control.render(
                into: &buffer, rect: Rect(x: controlX, y: y, width: controlWidth, height: 1), focused: focused)
            y += 1
        case .secret(let control):
            control.render(
                into: &buffer, rect: Rect(x: controlX, y: y, width: controlWidth, height: 1),
                focused: focused, glyphs: g)
            y += 1
        case .path(let control):
            control.render(
                into: &buffer, rect: Rect(x: controlX, y: y, width: controlWidth, height: 1 + control.extraLines),
                focused: focused, glyphs: g)
            y += 1 + control.extraLines
        case .choice(let control):
            control.render(
                into: &buffer, rect: Rect(x: controlX, y: y, width: controlWidth, height: control.options.count),
                focused: focused, glyphs: g)
            y += control.options.count
        case .multiChoice(let control):
            control.render(
                into: &buffer, rect: Rect(x: controlX, y: y, width: controlWidth, height: control.options.count),
                focused: focused, glyphs: g)
            y += control.options.count
        case .confirm(let control):
            control.render(
                into: &buffer, rect: Rect(x: controlX, y: y, width: controlWidth, height: 1), focused: focused,
                glyphs: g)
            y += 1
        }
        let textX = rect.x + labelWidth
        let textWidth = max(1, rect.maxX - textX)
        if let note = field.note {
            for line in TextLayout.wrap(note, width: textWidth) {
                buffer.write(line, x: textX, y: y, style: .muted)
                y += 1
            }
        }
        for problem in field.problems {
            let style: Style = problem.severity == .error ? .failure : .warning
            for line in problemLines(problem, width: textWidth, glyphs: g) {
                buffer.write(line, x: textX, y: y, style: style)
                y += 1
            }
        }
    }

    /// A problem as lines under its field: the mark, then the message wrapped and indented.
    static func problemLines(_ problem: FieldProblem, width: Int, glyphs: Glyphs) -> [String] {
        let mark = problem.severity == .error ? glyphs.failure : glyphs.warning
        let indent = DisplayWidth.of(mark) + 1
        let lines = TextLayout.wrap(problem.displayMessage, width: max(1, width - indent))
        return lines.enumerated().map {
            ($0.offset == 0 ? mark + " " : String(repeating: " ", count: indent)) + $0.element
        }
    }
}

import RemoteClusterKit

/// What a screen shows before and while an engine step acts: the step's preview (the exact
/// requests, manifests and commands) in a scrollable viewer that can save it, a warning about
/// consequences (a restart), and the step's progress and outcome under it.
public struct StepReview: Sendable {
    public private(set) var viewer: TextViewer
    public var run: StepRun
    /// A consequence to say before acting, e.g. that the pods roll.
    public var warning: String?

    public init(_ kind: SetupStepKind, title: String, lines: [String], fileName: String, warning: String? = nil) {
        viewer = TextViewer(
            title: title, text: lines.joined(separator: "\n") + "\n", kind: .commands, suggestedFileName: fileName)
        run = StepRun(kind)
        self.warning = warning
    }

    /// Shows new preview text (answers changed), keeping the scroll position when possible.
    public mutating func show(_ lines: [String]) {
        let text = lines.joined(separator: "\n") + "\n"
        guard text != viewer.text else { return }
        let old = viewer
        viewer = TextViewer(title: old.title, text: text, kind: old.kind, suggestedFileName: old.suggestedFileName)
        viewer.setViewport(old.viewport, width: old.width)
    }

    /// A preview as the viewer's lines: its notes wrapped to the viewer's inside width (they are
    /// sentences), then the actions as the engine prints them (they are code, panned not wrapped).
    public static func lines(_ preview: StepPreview, context: WizardContext) -> [String] {
        let width = max(20, (context.body?.width ?? 76) - 4)
        var lines: [String] = []
        for note in preview.notes {
            for (index, part) in TextLayout.wrap(note, width: width - 2).enumerated() {
                lines.append((index == 0 ? "# " : "  ") + part)
            }
        }
        let actions = StepPreview(actions: preview.actions).lines
        if !lines.isEmpty && !actions.isEmpty { lines.append("") }
        return lines + actions
    }

    /// Scrolls the preview to the line that matters most (e.g. the request that changes something).
    public mutating func scroll(toLineContaining text: String) { viewer.scroll(toLineContaining: text) }

    /// Whether the viewer's save prompt has the keyboard.
    public var isPrompting: Bool { viewer.isPrompting }

    /// Scroll and save keys; returns nil when the viewer has no use for the key.
    public mutating func handleViewerKey(_ key: Key, tokens: inout TokenSource) -> [Effect<WizardJob>]? {
        let (outcome, effects) = viewer.handle(key, tokens: &tokens)
        return outcome == .handled ? effects.widened() : nil
    }

    /// Hands a save result to the viewer.
    public mutating func applySave(path: String, token: Token, result: Result<Void, FileAccessError>) {
        viewer.applySave(path: path, token: token, result: result)
    }

    /// The rows under the viewer: warning, spinner or outcome.
    func footerLines(glyphs: Glyphs) -> [String] {
        var lines: [String] = []
        if let warning { lines.append("\(glyphs.warning) \(warning)") }
        lines += run.lines(glyphs: glyphs)
        return lines
    }

    /// Draws the viewer above, then the warning and the step's progress or outcome.
    public func render(
        into buffer: inout ScreenBuffer, rect: Rect, context: WizardContext, theme: Theme, spinnerLabel: String
    ) {
        let footer = ReportLines.layout(footerLines(glyphs: theme.glyphs), width: rect.width, glyphs: theme.glyphs)
        let spinnerRows = run.isRunning ? 1 : 0
        let footerRows = min(footer.count + spinnerRows, max(0, rect.height - 6))
        let viewerRect = Rect(x: rect.x, y: rect.y, width: rect.width, height: rect.height - footerRows)
        var shown = viewer
        shown.setViewport(viewerRect.height - 3, width: viewerRect.width)
        shown.render(into: &buffer, rect: viewerRect, theme: theme)
        var y = viewerRect.maxY
        for (text, style) in footer.suffix(footerRows - spinnerRows) {
            buffer.write(text, x: rect.x, y: y, width: rect.width, style: style)
            y += 1
        }
        run.renderSpinner(
            into: &buffer, x: rect.x, y: y, width: rect.width, label: spinnerLabel, context: context, theme: theme)
    }

    /// The footer: the screen's own keys first, then saving and scrolling, which the frame drops
    /// first when the line is too narrow. While the save prompt is open only its keys.
    public func hints(_ own: [KeyHint]) -> [KeyHint] {
        if viewer.isPrompting { return [KeyHint("Enter", "save"), KeyHint("Esc", "cancel")] }
        if run.isRunning { return own }
        return own + [KeyHint("s", "save"), KeyHint(viewer.canPan ? "↑↓←→" : "↑↓", "scroll")]
    }

    /// The whole document and what happened, for plain mode.
    public func plainLines(glyphs: Glyphs) -> [String] {
        ["--- \(viewer.title) ---"] + viewer.lines + ["---"] + footerLines(glyphs: glyphs)
    }
}

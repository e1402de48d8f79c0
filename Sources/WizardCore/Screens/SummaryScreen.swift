import RemoteClusterKit

/// The end: what changed where, the files written, how to undo each change, and "save as plan"
/// (the plan format `apply` and `undo` read, without secrets) for a headless run.
public struct SummaryScreen: WizardScreen {
    public let id = ScreenID.summary
    public private(set) var viewer: TextViewer
    /// The plan document; its save prompt is `p`.
    public private(set) var plan: TextViewer

    public init(_ context: WizardContext) {
        viewer = TextViewer(title: "Summary", text: "", kind: .plain, suggestedFileName: "remote-cluster-summary.txt")
        plan = TextViewer(title: "Plan", text: "", kind: .yaml, suggestedFileName: "remote-cluster-plan.yaml")
    }

    /// The summary text.
    func lines(_ context: WizardContext, glyphs: Glyphs) -> [String] {
        var lines = [
            "Remote \(context.answers.alias) (\(context.answers.type?.displayName ?? "remote")) for ECK cluster \(context.answers.localName)",
            "",
        ]
        lines.append("What changed:")
        if context.applied.isEmpty { lines.append("  nothing was changed by this wizard") }
        for change in context.applied {
            lines.append("  \(glyphs.ok) \(change.what), on \(change.place)")
            if let undo = change.undo { lines.append("      undo: \(undo)") }
        }
        lines.append("")
        lines.append("Files written:")
        if context.filesWritten.isEmpty { lines.append("  none") }
        for file in context.filesWritten { lines.append("  \(file)") }
        lines.append("")
        lines.append("To undo everything: save the plan (p), set the passwords' environment variables, then run")
        lines.append("  remote-cluster-wizard undo --plan \(plan.suggestedFileName)")
        lines.append("It removes the alias (all its keys set to null in one request), the Secret entry, the CA and")
        lines.append("configuration from the local resource, and invalidates the key the plan created.")
        lines.append("")
        lines.append(
            "To repeat this setup without the wizard: remote-cluster-wizard apply --plan \(plan.suggestedFileName)")
        return lines
    }

    /// The summary wrapped to the viewer's inside width.
    func wrappedText(_ context: WizardContext) -> String {
        let width = max(20, (context.body?.width ?? 76) - 4)
        let lines = lines(context, glyphs: context.configuration.glyphs).flatMap {
            TextLayout.wrapIndented($0, width: width, hanging: 4)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public mutating func enter(_ context: inout WizardContext) -> ScreenResponse {
        viewer = TextViewer(
            title: "Summary", text: wrappedText(context), kind: .plain, suggestedFileName: viewer.suggestedFileName)
        let decisions = context.setup.remotes.first?.decisions ?? RemoteDecisions()
        plan = TextViewer(
            title: "Plan", text: PlanExport.yaml(context.answers, decisions: decisions), kind: .yaml,
            suggestedFileName: plan.suggestedFileName)
        return .none
    }

    public mutating func update(_ message: ScreenMessage, _ context: inout WizardContext) -> ScreenResponse {
        switch message {
        case .key(let key):
            if plan.isPrompting {
                let (_, effects) = plan.handle(key, tokens: &context.tokens)
                return ScreenResponse(effects.widened())
            }
            if viewer.isPrompting {
                let (_, effects) = viewer.handle(key, tokens: &context.tokens)
                return ScreenResponse(effects.widened())
            }
            switch key {
            case .character("p"):
                let (_, effects) = plan.handle(.character("s"), tokens: &context.tokens)
                return ScreenResponse(effects.widened())
            case .enter: return .go(.quit)
            case .escape: return .go(.back)
            default:
                let (_, effects) = viewer.handle(key, tokens: &context.tokens)
                return ScreenResponse(effects.widened())
            }
        case .resized:
            viewer = TextViewer(
                title: "Summary", text: wrappedText(context), kind: .plain, suggestedFileName: viewer.suggestedFileName)
            return .none
        case .fileSaved(let path, let token, let result):
            if token == plan.pendingSave {
                plan.applySave(path: path, token: token, result: result)
                if case .success = result { context.recordFile(path) }
            } else {
                viewer.applySave(path: path, token: token, result: result)
                if case .success = result { context.recordFile(path) }
            }
            return .none
        default:
            return .none
        }
    }

    public func title(_ context: WizardContext) -> String { "Summary" }

    public func render(into buffer: inout ScreenBuffer, rect: Rect, context: WizardContext, theme: Theme) {
        var shown = viewer
        let planRow = plan.isPrompting || plan.status != nil
        let area = planRow ? rect.inset(bottom: 1) : rect
        shown.setViewport(area.height - 3, width: area.width)
        shown.render(into: &buffer, rect: area, theme: theme)
        if planRow {
            // The plan's save prompt or result, in the row under the summary.
            var prompt = plan
            prompt.setViewport(1, width: rect.width)
            var row = ScreenBuffer(size: Size(width: rect.width, height: 4))
            prompt.render(into: &row, rect: Rect(x: 0, y: 0, width: rect.width, height: 4), theme: theme)
            for column in 0..<rect.width { buffer[rect.x + column, rect.maxY - 1] = row[column, 3] }
            if plan.isPrompting, let cursor = row.cursor {
                buffer.cursor = Point(column: rect.x + cursor.column, row: rect.maxY - 1)
            }
        }
    }

    public func keyHints(_ context: WizardContext) -> [KeyHint] {
        if plan.isPrompting || viewer.isPrompting { return [KeyHint("Enter", "save"), KeyHint("Esc", "cancel")] }
        return [
            KeyHint("p", "save as plan"), KeyHint("s", "save summary"), KeyHint("↑↓", "scroll"),
            KeyHint("Enter", "finish"), KeyHint("Esc", "back"),
        ]
    }

    public var help: HelpText {
        HelpText(
            "Summary",
            [
                "Every change the wizard made is listed with where it was made and how to undo it by hand.",
                "p saves the setup as a plan file: the same answers in the format remote-cluster-wizard apply, manifests and undo read. It holds no secrets; it names the environment variables the passwords and the key are read from.",
                "Enter ends the wizard; the saved progress is marked finished, so the next start begins anew.",
            ])
    }

    public func plain(_ context: WizardContext) -> PlainView {
        let lines = ["--- summary ---"] + viewer.lines + ["--- plan (p saves it) ---"] + plan.lines
        if plan.isPrompting {
            let field = PlainField(id: "planPath", label: "Save the plan to", kind: .text(plan.savePrompt?.text ?? ""))
            return PlainView(heading: "", lines: lines, prompt: .field(field))
        }
        var status: [String] = []
        if let saved = plan.status { status.append(saved.text) }
        return PlainView(
            heading: "", lines: lines + status,
            prompt: .actions([
                PlainAction("p", "save as plan", key: .character("p")), PlainAction("", "finish", key: .enter),
                PlainAction("b", "back", key: .escape),
            ]))
    }

    public var takesText: Bool { plan.isPrompting || viewer.isPrompting }
}

import RemoteClusterKit

/// Data access across the connection: the engine's cross-cluster search (`size=0` on
/// `<alias>:<pattern>`), with its hits and shards, or the privilege error explained.
public struct DataAccessScreen: WizardScreen {
    public let id = ScreenID.dataAccess
    public private(set) var review: StepReview

    public init(_ context: WizardContext) {
        review = StepReview(.dataAccess, title: "Cross-cluster search", lines: [], fileName: "data-access.txt")
    }

    func previewLines(_ context: WizardContext) -> [String] {
        StepReview.lines(context.preview(of: .dataAccess), context: context)
    }

    /// The search's counts, when it ran.
    func resultLines(_ context: WizardContext) -> [String] {
        guard let result = context.outputs.dataAccess, review.run.outcome != nil else { return [] }
        var lines = ["Searched \(result.expression)"]
        if let hits = result.hits { lines.append("  documents: \(result.hitsAreLowerBound ? "at least " : "")\(hits)") }
        if let total = result.shardsTotal {
            lines.append(
                "  shards: \(total) total, \(result.shardsSuccessful ?? 0) successful, \(result.shardsSkipped ?? 0) skipped, \(result.shardsFailed ?? 0) failed"
            )
        }
        if let status = result.clusterStatus { lines.append("  remote status: \(status)") }
        for failure in result.failures { lines.append("  failure: \(failure)") }
        return lines
    }

    public mutating func enter(_ context: inout WizardContext) -> ScreenResponse {
        if !review.run.isRunning { review.show(previewLines(context) + resultLines(context)) }
        return .none
    }

    public mutating func update(_ message: ScreenMessage, _ context: inout WizardContext) -> ScreenResponse {
        switch message {
        case .key(let key):
            if review.run.isRunning { return key == .escape ? ScreenResponse(review.run.cancel()) : .none }
            switch key {
            case .enter:
                if review.run.outcome != nil { return .go(.next) }
                return ScreenResponse(review.run.start(&context, deadlineMilliseconds: 60_000))
            case .character("r"): return ScreenResponse(review.run.start(&context, deadlineMilliseconds: 60_000))
            case .escape: return .go(.back)
            default:
                return ScreenResponse(review.handleViewerKey(key, tokens: &context.tokens) ?? [])
            }
        case .fileSaved(let path, let token, let result):
            review.applySave(path: path, token: token, result: result)
            return .none
        case .resized:
            review.show(previewLines(context) + [""] + resultLines(context))
            return .none
        default:
            switch review.run.receive(message, &context) {
            case .ignored: return .none
            case .changed(let effects): return ScreenResponse(effects)
            case .finished:
                review.show(previewLines(context) + [""] + resultLines(context))
                return .none
            }
        }
    }

    public func title(_ context: WizardContext) -> String { "Data access through \(context.answers.alias)" }

    public func render(into buffer: inout ScreenBuffer, rect: Rect, context: WizardContext, theme: Theme) {
        review.render(
            into: &buffer, rect: rect, context: context, theme: theme,
            spinnerLabel: "Searching across the connection…")
    }

    public func keyHints(_ context: WizardContext) -> [KeyHint] {
        if review.run.isRunning { return [KeyHint("Esc", "stop")] }
        if review.run.outcome == nil {
            return review.hints([KeyHint("Enter", "run the search"), KeyHint("Esc", "back")])
        }
        return review.hints([KeyHint("Enter", "continue"), KeyHint("r", "search again"), KeyHint("Esc", "back")])
    }

    public var help: HelpText {
        HelpText(
            "Data access",
            [
                "A search with size=0 on <alias>:<pattern> proves the whole path: the local cluster forwards it over the connection with the API key, and the remote answers with its counts. Nothing is read but the counts.",
                "When it is refused, the message says whether the key's access or the local user's role (remote_indices for the alias) is missing the indices; the Role screen can create such a role.",
            ])
    }

    public func plain(_ context: WizardContext) -> PlainView {
        let lines = review.plainLines(glyphs: context.configuration.glyphs)
        if review.run.isRunning { return PlainView(heading: "", lines: lines, prompt: .wait("Searching…")) }
        return PlainView(
            heading: "", lines: lines,
            prompt: .actions([
                PlainAction("", review.run.outcome == nil ? "run the search" : "continue", key: .enter),
                PlainAction("b", "back", key: .escape),
            ]))
    }

    public var takesText: Bool { review.isPrompting }
}

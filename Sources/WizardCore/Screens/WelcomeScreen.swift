import RemoteClusterKit

/// The first screen: what the wizard will do, what to have at hand, and "resume" when an
/// interrupted setup was saved.
public struct WelcomeScreen: WizardScreen {
    public let id = ScreenID.welcome
    /// The interrupted run, if one was found.
    public let saved: SavedProgress?
    /// Why it resumes where it does, when that is not where it stopped.
    public let explanation: String?

    public init(_ context: WizardContext) {
        saved = context.configuration.savedProgress
        explanation = saved == nil ? nil : context.configuration.resumeExplanation
    }

    public func title(_ context: WizardContext) -> String { "Connect a remote cluster to your ECK cluster" }

    public mutating func enter(_ context: inout WizardContext) -> ScreenResponse { .none }

    public mutating func update(_ message: ScreenMessage, _ context: inout WizardContext) -> ScreenResponse {
        guard case .key(let key) = message else { return .none }
        switch key {
        case .enter, .character("n"): return .go(.next)
        case .character("r") where saved != nil: return .go(.resume)
        case .escape: return .go(.askToQuit)
        default: return .none
        }
    }

    static let steps = [
        "Choose where the remote cluster runs (Elastic Cloud Hosted, ECE, another ECK, self-managed).",
        "Prepare the remote: what to enable there, generated for you, applied only when you ask.",
        "Give the remote's address, server name and CA; a TLS preflight checks them before any change.",
        "Create a cross-cluster API key on the remote (or paste one).",
        "Configure the local ECK cluster: the key in its keystore, the CA, the Elasticsearch change.",
        "Add the remote to the local cluster and watch the connection live, with a diagnosis if it stays down.",
    ]

    static let atHand = [
        "kubectl access to the local ECK cluster (and to the remote's, if it runs on ECK)",
        "the remote's proxy address, or its REST URL and a user allowed to create API keys",
        "the CA certificate of the remote, unless it is publicly trusted",
    ]

    var lines: [String] {
        var lines = ["What happens:"]
        for (index, step) in Self.steps.enumerated() { lines.append("  \(index + 1). \(step)") }
        lines.append("")
        lines.append("Have at hand:")
        for item in Self.atHand { lines.append("  - \(item)") }
        lines.append("")
        lines.append("Nothing changes on a cluster until you confirm it on the screen that shows the change.")
        return lines
    }

    /// "An interrupted setup was found (ECK remote, alias logs); it resumes at Connection."
    static func describe(_ saved: SavedProgress) -> String {
        var parts: [String] = []
        if let type = saved.answers.type { parts.append("\(type.shortName) remote") }
        if !saved.answers.alias.isEmpty { parts.append("alias \(saved.answers.alias)") }
        if !saved.applied.isEmpty {
            parts.append("\(saved.applied.count) change\(saved.applied.count == 1 ? "" : "s") applied")
        }
        let detail = parts.isEmpty ? "" : " (\(parts.joined(separator: ", ")))"
        return "An interrupted setup was found\(detail); it resumes at \(saved.screen.shortTitle)."
    }

    public func render(into buffer: inout ScreenBuffer, rect: Rect, context: WizardContext, theme: Theme) {
        var y = rect.y
        if let saved {
            let text = Self.describe(saved) + " Press r to resume it, or Enter to start a new one."
            for line in TextLayout.wrap("\(theme.glyphs.warning) " + text, width: rect.width) {
                buffer.write(line, x: rect.x, y: y, style: Style(.warning, bold: true))
                y += 1
            }
            for line in explanation.map({ TextLayout.wrap($0, width: rect.width - 2) }) ?? [] {
                buffer.write("  " + line, x: rect.x, y: y, style: .muted)
                y += 1
            }
            y += 1
        }
        for line in lines {
            for (text, style) in Self.layout(line, width: rect.width) {
                guard y < rect.maxY else { return }
                buffer.write(text, x: rect.x, y: y, width: rect.width, style: style)
                y += 1
            }
        }
    }

    /// One line wrapped with its indent kept, continuations under the text after the list mark.
    static func layout(_ line: String, width: Int) -> [(String, Style)] {
        let body = line.drop { $0 == " " }
        let mark = body.first.map { $0.isNumber || $0 == "-" } ?? false ? body.prefix { $0 != " " }.count + 1 : 0
        let style: Style = line.hasSuffix(":") ? Style(.normal, bold: true) : .normal
        return TextLayout.wrapIndented(line, width: width, hanging: mark).map { ($0, style) }
    }

    public func keyHints(_ context: WizardContext) -> [KeyHint] {
        saved == nil
            ? [KeyHint("Enter", "start")]
            : [KeyHint("r", "resume"), KeyHint("Enter", "start new")]
    }

    public var help: HelpText {
        HelpText(
            "Welcome",
            [
                "The wizard connects a local Elasticsearch cluster managed by ECK to a remote cluster with the API-key security model: the remote cluster server on port 9443, a cross-cluster API key in the local keystore, and the remote added in proxy mode.",
                "Every change is shown before it is made, and only made when you confirm. Your answers (never passwords or keys) are saved after each step, so an interrupted run can be resumed.",
            ])
    }

    public func plain(_ context: WizardContext) -> PlainView {
        var lines = lines
        var actions = [PlainAction("", "start", key: .enter)]
        if let saved {
            lines.insert(contentsOf: [Self.describe(saved)] + (explanation.map { [$0] } ?? []) + [""], at: 0)
            actions = [PlainAction("r", "resume", key: .character("r")), PlainAction("", "start new", key: .enter)]
        }
        return PlainView(heading: "", lines: lines, prompt: .actions(actions))
    }

    public var takesText: Bool { false }
}

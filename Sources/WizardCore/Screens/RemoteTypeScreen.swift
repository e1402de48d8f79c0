import RemoteClusterKit

/// Where the remote cluster runs; every later screen depends on the answer.
public struct RemoteTypeScreen: WizardScreen {
    public let id = ScreenID.remoteType
    public private(set) var list: ChoiceList

    /// The types with one line on what differs for each.
    public static let options = [
        ChoiceOption(
            id: RemoteClusterType.ech.rawValue, title: "Elastic Cloud Hosted (ECH)",
            detail: "already enabled; public CA"),
        ChoiceOption(
            id: RemoteClusterType.ece.rawValue, title: "Elastic Cloud Enterprise",
            detail: "enabled; public or platform CA"),
        ChoiceOption(
            id: RemoteClusterType.eck.rawValue, title: "ECK, another operator",
            detail: "enabled, exposed, CA fetched"),
        ChoiceOption(
            id: RemoteClusterType.selfManaged.rawValue, title: "Self-managed",
            detail: "config, certificate, keystore"),
    ]

    public init(_ context: WizardContext) {
        list = ChoiceList(Self.options)
        list.select(id: context.answers.remoteType)
    }

    public func title(_ context: WizardContext) -> String { "Remote type" }

    public mutating func enter(_ context: inout WizardContext) -> ScreenResponse { .none }

    public mutating func update(_ message: ScreenMessage, _ context: inout WizardContext) -> ScreenResponse {
        guard case .key(let key) = message else { return .none }
        switch key {
        case .enter:
            let chosen = list.selected?.id ?? RemoteClusterType.ech.rawValue
            if chosen != context.answers.remoteType {
                context.answers.remoteType = chosen
                // Sniff mode is for self-managed remotes only.
                if chosen != RemoteClusterType.selfManaged.rawValue { context.answers.mode = "proxy" }
            }
            return .go(.next)
        case .escape:
            return .go(.back)
        default:
            _ = list.handle(key)
            return .none
        }
    }

    public func render(into buffer: inout ScreenBuffer, rect: Rect, context: WizardContext, theme: Theme) {
        buffer.write("Where does the remote cluster run?", x: rect.x, y: rect.y, width: rect.width, style: .normal)
        list.render(
            into: &buffer, rect: Rect(x: rect.x + 1, y: rect.y + 2, width: rect.width - 1, height: 4), focused: true,
            glyphs: theme.glyphs)
        let note = "The local cluster is managed by ECK in this Kubernetes environment."
        var y = rect.y + 7
        for line in TextLayout.wrap(note, width: rect.width) {
            buffer.write(line, x: rect.x, y: y, style: .muted)
            y += 1
        }
    }

    public func keyHints(_ context: WizardContext) -> [KeyHint] {
        [KeyHint("↑↓", "choose"), KeyHint("Enter", "continue"), KeyHint("Esc", "back")]
    }

    public var help: HelpText {
        HelpText(
            "Remote type",
            [
                "Elastic Cloud Hosted: the remote cluster server is already enabled behind the platform proxy, whose certificate is publicly trusted. You only need the proxy address from the deployment's Security page.",
                "Elastic Cloud Enterprise: enabled by default as well; the proxy certificate is either publicly trusted or signed by the platform's own CA, which you copy from the ECE UI.",
                "ECK with another operator: the wizard enables spec.remoteClusterServer on the remote Elasticsearch resource, exposes it, and fetches its CA from the transport certificates Secret.",
                "Self-managed: the wizard writes the elasticsearch.yml lines, the certificate and keystore commands for you to run on the nodes.",
            ])
    }

    public func plain(_ context: WizardContext) -> PlainView {
        let field = PlainField(
            id: "remoteType", label: "Where does the remote cluster run?",
            note: "The local cluster is managed by ECK in this Kubernetes environment.",
            kind: .choice(list.options, selected: list.highlighted))
        return PlainView(heading: "", lines: [], prompt: .field(field))
    }

    public var takesText: Bool { false }
}

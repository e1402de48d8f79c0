import RemoteClusterKit

/// Connection details: the proxy address (or, for a self-managed remote in sniff mode, the seed
/// nodes), the server name, the CA file or "publicly trusted"; then the TLS preflight against
/// every address, explained, before anything is changed. Continuing past a failed preflight asks
/// first.
public struct ConnectionScreen: WizardScreen {
    public let id = ScreenID.connection
    /// The fields and the engine's preflight step (a TLS handshake to every address) under them.
    public private(set) var parts: CheckedForm
    /// The probe results of the last preflight, one per address.
    public private(set) var results: [TLSProbeResult] = []
    /// The connection values the preflight was run with.
    public private(set) var probedValues: ConnectionValues?

    /// The deadline of the preflight job: every probe's own timeout plus room to report.
    static let preflightDeadlineMilliseconds: Int64 = 45_000

    /// What the preflight depends on; a change means the shown result is for other values.
    public struct ConnectionValues: Sendable, Hashable {
        public var addresses: [String]
        public var serverName: String
        public var caFile: String
    }

    public init(_ context: WizardContext) {
        var form = ScreenForm(Self.step(context.answers))
        form.fit(context)
        parts = CheckedForm(form: form, check: StepRun(.preflight))
    }

    public var form: ScreenForm { parts.form }
    public var preflight: StepRun { parts.check }

    /// The fields for the remote's type and connection mode, filled from the answers.
    static func step(_ answers: SetupAnswers) -> WizardStep {
        var fields: [FormField] = []
        let type = answers.type ?? .ech
        if type == .selfManaged {
            var list = ChoiceList(modeOptions)
            list.select(id: answers.mode)
            fields.append(
                FormField(
                    id: "mode", label: "Connection mode", control: .choice(list),
                    note: "Sniff only works when this cluster can reach every remote node's publish address."))
        }
        if type == .selfManaged && answers.mode == "sniff" {
            fields.append(
                .text(
                    "seeds", "Seed nodes", value: answers.seeds, placeholder: "node-1.example.net:9443, node-2…",
                    note: "Comma-separated host:port of remote nodes, port 9443.",
                    validators: [.text { Validators.seeds(SetupAnswers.list($0), field: "Seed nodes") }]))
        } else {
            fields.append(
                .text(
                    "proxyAddress", "Proxy address", value: answers.proxyAddress, placeholder: "host:9443",
                    note: addressNote(type),
                    validators: [
                        .text { Validators.proxyAddress($0, field: "Proxy address") }
                    ]))
        }
        fields.append(
            .text(
                "serverName", "Server name", value: answers.serverName, placeholder: "optional",
                note: serverNameNote(type, answers: answers),
                validators: [.text { Validators.serverName($0, field: "Server name") }]))
        fields.append(
            .path(
                "caFile", "CA file", value: answers.caFile, placeholder: "empty: publicly trusted",
                note: caNote(type, answers: answers),
                validators: type == .ech ? [Validator.text(echCAWarning)] : []))
        fields.append(
            .text(
                "alias", "Alias", value: answers.alias, placeholder: "e.g. logs",
                note: "What the local cluster calls this remote: cluster.remote.<alias>.* and its keystore entry.",
                validators: [.text { Validators.alias($0, field: "Alias") }]))
        return WizardStep(id: "connection", title: "Connection details", fields: fields)
    }

    static let modeOptions = [
        ChoiceOption(id: "proxy", title: "proxy", detail: "one address: a node or a TCP load balancer (recommended)"),
        ChoiceOption(id: "sniff", title: "sniff", detail: "seed nodes; connects to the nodes it discovers"),
    ]

    static func addressNote(_ type: RemoteClusterType) -> String {
        switch type {
        case .ech, .ece:
            return "From the deployment's Security page, Remote cluster parameters; change its port 9400 to 9443."
        case .eck: return "The LoadBalancer (or Ingress) address of the remote-cluster Service, port 9443."
        case .selfManaged: return "A node or a TCP load balancer in front of the nodes, port 9443."
        }
    }

    static func serverNameNote(_ type: RemoteClusterType, answers: SetupAnswers) -> String {
        switch type {
        case .ech, .ece: return "The proxy routes by this name; empty uses the proxy address's host."
        case .eck:
            let suggested = SetupDefaults.serverName(answers) ?? "<name>-es-remote-cluster.<namespace>.svc"
            return "The ECK certificate carries \(suggested); needed when the address is a load balancer IP or name."
        case .selfManaged: return "Needed when the certificate is for another name than the address's host."
        }
    }

    static func caNote(_ type: RemoteClusterType, answers: SetupAnswers) -> String {
        switch type {
        case .ech: return "Leave empty: the Elastic Cloud proxy certificate is publicly trusted."
        case .ece:
            return answers.ecePrivateCA
                ? "The ECE proxy root CA you saved (last certificate of the proxy chain)."
                : "Leave empty when the ECE proxy certificate is publicly trusted."
        case .eck:
            let name = answers.remoteECKName.isEmpty ? "<name>" : answers.remoteECKName
            return "ca.crt of the Secret \(name)-es-transport-certs-public (the Prepare step can fetch it)."
        case .selfManaged: return "The CA that signed the remote cluster server certificate (ca/ca.crt)."
        }
    }

    /// ECH needs no CA: adding one makes the local cluster trust only it.
    static let echCAWarning: @Sendable (String) -> [FieldProblem] = { path in
        guard !path.isEmpty else { return [] }
        return [
            FieldProblem(
                field: "CA file",
                problem: "Elastic Cloud Hosted uses a publicly trusted certificate",
                fix: "Leave the CA file empty unless you know the proxy presents a private certificate.",
                severity: .warning)
        ]
    }

    // MARK: Values

    /// The connection values as typed now.
    var values: ConnectionValues {
        let answers = form.answers
        let addresses =
            answers.choice("mode") == "sniff"
            ? SetupAnswers.list(answers.text("seeds")) : [answers.text("proxyAddress")]
        return ConnectionValues(
            addresses: addresses, serverName: answers.text("serverName"), caFile: answers.text("caFile"))
    }

    /// Whether the preflight shown was run with the values typed now.
    public var resultIsCurrent: Bool { probedValues == values && preflight.outcome != nil }
    public var isProbing: Bool { parts.check.isRunning }
    public var preflightPassed: Bool { resultIsCurrent && preflight.succeeded && results.allSatisfy(\.passed) }

    private mutating func commit(_ context: inout WizardContext) {
        let answers = form.answers
        if let mode = answers.choice("mode") { context.answers.mode = mode }
        if context.answers.mode == "sniff" && context.answers.type == .selfManaged {
            context.answers.seeds = answers.text("seeds")
        } else {
            context.answers.proxyAddress = answers.text("proxyAddress")
        }
        context.answers.serverName = answers.text("serverName")
        context.useCAFile(answers.text("caFile"))
        context.rename(alias: answers.text("alias"))
    }

    /// Offers the alias derived from the remote when the alias field gets the focus empty: Enter
    /// keeps it, typing replaces it.
    private mutating func suggestAlias(_ context: WizardContext) {
        guard form.step.focusedField?.id == "alias", form.answers.text("alias").isEmpty else { return }
        var answers = context.answers
        answers.proxyAddress = form.answers.text("proxyAddress")
        answers.seeds = form.answers.text("seeds")
        parts.form.suggestText("alias", SetupDefaults.alias(answers))
    }

    // MARK: Update

    public mutating func enter(_ context: inout WizardContext) -> ScreenResponse {
        // Suggest the server name the type implies when the field is still empty.
        if form.answers.text("serverName").isEmpty, context.answers.type == .eck,
            let suggested = SetupDefaults.serverName(context.answers)
        {
            parts.form.suggestText("serverName", suggested)
        }
        parts.form.fit(context)
        return .none
    }

    public mutating func update(_ message: ScreenMessage, _ context: inout WizardContext) -> ScreenResponse {
        let modeBefore = parts.form.answers.choice("mode")
        let handled = parts.handle(message, &context)
        if parts.form.answers.choice("mode") != modeBefore {
            // Sniff asks for seeds instead of the proxy address: rebuild the fields, keep the values.
            commit(&context)
            parts.form = ScreenForm(Self.step(context.answers))
            parts.form.focus("mode")
            parts.form.fit(context)
        }
        switch handled {
        case .done(let response): return response
        case .finished:
            results = context.outputs.preflight
            return .none
        case .stopped(let effects):
            probedValues = nil
            return ScreenResponse(effects)
        case .answered(let index):
            guard index == 0 else { return .none }
            commit(&context)
            context.decide { $0.continuePastFailedPreflight = true }
            return .go(.next)
        case .proceed:
            return submit(&context)
        case .formKey(let outcome, let effects):
            suggestAlias(context)
            switch outcome {
            case .submitted: return submit(&context, effects: effects)
            case .back: return ScreenResponse(effects, navigation: .back)
            default: return ScreenResponse(effects)
            }
        }
    }

    /// Enter on the last field: continue when the preflight of these values passed, ask when it
    /// failed, otherwise run it.
    private mutating func submit(_ context: inout WizardContext, effects: [Effect<WizardJob>] = [])
        -> ScreenResponse
    {
        commit(&context)
        if [RemoteClusterType.ech, .ece].contains(context.answers.type), context.answers.serverName.isEmpty,
            let implied = SetupDefaults.serverName(context.answers)
        {
            parts.form.setText("serverName", implied)
            context.answers.serverName = implied
        }
        if resultIsCurrent {
            if preflightPassed { return ScreenResponse(effects, navigation: .next) }
            parts.askToContinue(title: "Preflight failed", failureSummary ?? "The preflight failed.")
            return ScreenResponse(effects)
        }
        return ScreenResponse(effects + startProbes(&context))
    }

    /// The first problem the preflight found, in one sentence.
    var failureSummary: String? {
        if case .failed(let diagnosis)? = preflight.outcome { return diagnosis.summary }
        return results.compactMap { $0.diagnosis?.summary }.first
    }

    private mutating func startProbes(_ context: inout WizardContext) -> [Effect<WizardJob>] {
        probedValues = values
        results = []
        context.decide { $0.continuePastFailedPreflight = false }
        return parts.run(&context, deadlineMilliseconds: Self.preflightDeadlineMilliseconds)
    }

    // MARK: Render

    /// The preflight as report lines (the presented chain only when asked: plain mode prints it).
    func reportLines(glyphs: Glyphs, includeChain: Bool = false) -> [String] {
        var lines: [String] = []
        for result in results {
            var inChain = false
            for line in TLSProbeReport.lines(for: result, symbols: ReportLines.symbols(glyphs)) {
                if line == "Presented chain:" {
                    inChain = true
                } else if inChain, line.hasPrefix(" ") {
                    if !includeChain { continue }
                } else {
                    inChain = false
                }
                if !inChain || includeChain { lines.append(line) }
            }
        }
        // A failure the probes do not explain (no address reached the probe, a timeout).
        if results.isEmpty, let outcome = preflight.outcome {
            lines += StepRun.lines(for: outcome, title: "Preflight", glyphs: glyphs)
        }
        return lines
    }

    public func title(_ context: WizardContext) -> String { "Connection details" }

    public func render(into buffer: inout ScreenBuffer, rect: Rect, context: WizardContext, theme: Theme) {
        parts.render(
            into: &buffer, rect: rect, context: context, theme: theme,
            spinnerLabel: "Preflight: TLS handshake with \(values.addresses.joined(separator: ", "))…",
            lines: reportLines(glyphs: theme.glyphs),
            stale: resultIsCurrent ? nil : "The values changed since the preflight below; Enter runs it again.")
    }

    public func keyHints(_ context: WizardContext) -> [KeyHint] {
        parts.keyHints(formEnter: resultIsCurrent ? "continue" : "run the preflight", passed: preflightPassed)
    }

    public var help: HelpText {
        HelpText(
            "Connection details",
            [
                "The proxy address is where the local cluster opens its remote cluster connections: host:port of the remote cluster server (port 9443), a TCP load balancer in front of it, or Elastic Cloud's proxy. IPv6 addresses go in brackets, like [2001:db8::1]:9443.",
                "The server name is sent in the TLS handshake (SNI) and checked against the certificate. Proxies that route by name (Elastic Cloud, ECE) need it; for an ECK remote behind a load balancer it is the remote-cluster Service name the certificate carries.",
                "The CA file is the certificate the local cluster will trust for this remote. Leave it empty when the remote's certificate is publicly trusted (always for Elastic Cloud Hosted).",
                "The preflight opens a TLS connection from here with exactly these values, before anything is changed: reachable, handshake, chain trusted, name matched. It recognises the usual wrong ports: 9200 answers HTTP, 9300 presents the transport CA, 9400 is the cloud proxy's other port.",
            ])
    }

    public func plain(_ context: WizardContext) -> PlainView {
        parts.plain(
            lines: reportLines(glyphs: context.configuration.glyphs, includeChain: true),
            waiting: "Running the preflight…", passed: preflightPassed)
    }

    public var takesText: Bool { parts.takesText }
    public var dialog: ModalDialog? { parts.dialog }
    public var reviewing: Bool { parts.reviewing }
}

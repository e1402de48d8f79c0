import RemoteClusterKit

/// The connection, live: the alias's `_remote/info` fields (other aliases below), refreshed every
/// second without blocking input (one request in flight, back-off after errors), checked with
/// `_resolve/cluster` because `connected` goes stale, a clear CONNECTED / NOT CONNECTED, and when
/// down the engine's diagnosis and fix.
public struct LiveStatusScreen: WizardScreen {
    public let id = ScreenID.liveStatus
    public private(set) var poll = LivePollSchedule(
        timerID: LiveStatusScreen.pollTimerID, intervalMilliseconds: 1000, maximumBackoffMilliseconds: 8000)
    /// The latest look at the connection.
    public private(set) var observation: ConnectionObservation?
    public private(set) var others: [RemoteInfo] = []
    /// Why the latest look failed (the local cluster could not be asked).
    public private(set) var problem: String?
    public private(set) var updatedAt: Moment?
    private var clockTimer: Token?

    static let pollTimerID = "live.poll"
    static let clockTimerID = "live.clock"
    /// How long one look may take before it counts as failed.
    static let observeDeadlineMilliseconds: Int64 = 10_000

    public init(_ context: WizardContext) {}

    /// Connected as `_resolve/cluster` (or, without it, `_remote/info`) says.
    public var isConnected: Bool { observation?.isConnected ?? false }

    /// The diagnosis when the remote is not connected.
    public var diagnosis: Diagnosis? {
        guard let observation, !observation.isConnectedWithCredentials else { return nil }
        return Diagnosis.diagnose(observation)
    }

    // MARK: Update

    public mutating func enter(_ context: inout WizardContext) -> ScreenResponse {
        // Polling starts (or resumes) when the screen is shown; leaving cancels the request.
        poll = LivePollSchedule(
            timerID: Self.pollTimerID, intervalMilliseconds: 1000, maximumBackoffMilliseconds: 8000)
        return ScreenResponse(actions(poll.start(tokens: &context.tokens), &context) + scheduleClock(&context))
    }

    public mutating func update(_ message: ScreenMessage, _ context: inout WizardContext) -> ScreenResponse {
        switch message {
        case .key(let key):
            switch key {
            case .character("r"): return ScreenResponse(actions(poll.refreshNow(tokens: &context.tokens), &context))
            case .character("e"): return .go(.goTo(.connection))
            case .enter: return .go(.next)
            case .escape: return .go(.back)
            default: return .none
            }
        case .timer(let id, let token):
            if id == Self.pollTimerID {
                return ScreenResponse(actions(poll.timerFired(token: token, tokens: &context.tokens), &context))
            }
            if id == Self.clockTimerID, token == clockTimer { return ScreenResponse(scheduleClock(&context)) }
            return .none
        case .jobFinished(let token, .observed(let observed, let others, let problem)):
            guard token == poll.inFlight else { return .none }
            observation = observed
            self.others = others
            self.problem = problem
            updatedAt = context.now
            let (_, next) = poll.completed(token: token, success: problem == nil, tokens: &context.tokens)
            return ScreenResponse(actions(next, &context))
        case .jobTimedOut(let token, let after):
            guard token == poll.inFlight else { return .none }
            problem = "The local cluster did not answer within \(after / 1000) s."
            let (_, next) = poll.completed(token: token, success: false, tokens: &context.tokens)
            return ScreenResponse(actions(next, &context))
        default:
            return .none
        }
    }

    private func actions(_ actions: [LivePollSchedule.Action], _ context: inout WizardContext) -> [Effect<WizardJob>] {
        let alias = context.answers.alias
        let setup = context.setup
        return actions.map { action in
            switch action {
            case .fetch(let token):
                return .run(
                    .observe(alias: alias, setup), token: token, deadlineMilliseconds: Self.observeDeadlineMilliseconds)
            case .schedule(let token, let after):
                return .startTimer(id: Self.pollTimerID, token: token, afterMilliseconds: after)
            }
        }
    }

    /// A quarter-second tick that keeps "updated … ago" current.
    private mutating func scheduleClock(_ context: inout WizardContext) -> [Effect<WizardJob>] {
        let token = context.tokens.next()
        clockTimer = token
        return [.startTimer(id: Self.clockTimerID, token: token, afterMilliseconds: 250)]
    }

    // MARK: Render

    /// The status as lines: the alias with its state, its fields, freshness, the diagnosis, then
    /// the other remotes, at most `otherRemotes` of them (a screen `n` rows high shows fewer than
    /// `n`, and a cluster can have a thousand).
    func lines(_ context: WizardContext, glyphs: Glyphs, otherRemotes: Int = .max) -> [(String, Style)] {
        let alias = context.answers.alias
        guard let observation else {
            if let problem { return [("\(glyphs.failure) \(problem)", .failure)] }
            return [("Asking the local cluster about \(alias)…", .muted)]
        }
        var lines: [(String, Style)] = []
        let info = observation.remoteInfo
        let state =
            observation.isConnected
            ? "\(glyphs.connected) CONNECTED" : "\(glyphs.disconnected) NOT CONNECTED"
        let address = info.map { "\($0.mode) \($0.addressSummary)" } ?? "not in _remote/info"
        lines.append(
            (
                TextLayout.pad(alias, width: max(12, alias.count + 1)) + TextLayout.pad(state, width: 20) + " "
                    + address,
                observation.isConnected ? Style(.success, bold: true) : Style(.failure, bold: true)
            ))
        let indent = String(repeating: " ", count: max(12, alias.count + 1))
        if let info {
            let connections = info.connections
            let unit = info.mode == .sniff ? "nodes" : "sockets"
            var fields = ["\(unit) \(connections.open)/\(connections.maximum.map(String.init) ?? "?")"]
            fields.append("API key credentials \(info.hasClusterCredentials ? glyphs.ok : glyphs.failure)")
            if let skip = info.skipUnavailable { fields.append("skip_unavailable \(skip)") }
            lines.append((indent + fields.joined(separator: glyphs.separator), .normal))
            if let serverName = info.serverName { lines.append((indent + "server name \(serverName)", .normal)) }
        }
        if let resolved = observation.resolved {
            let text =
                resolved.connected
                ? "_resolve/cluster: reachable\(resolved.versionNumber.map { ", Elasticsearch \($0)" } ?? "")"
                : "_resolve/cluster: not reachable\(resolved.error.map { Self.shownOnce($0, diagnosis: diagnosis) } ?? "")"
            lines.append((indent + text, resolved.connected ? .success : .failure))
        } else if let error = observation.resolveError {
            lines.append((indent + "_resolve/cluster: \(error.reason ?? error.description)", .failure))
        }
        if let updatedAt {
            let age = max(0, context.now.milliseconds(since: updatedAt))
            var freshness =
                "updated \(age / 1000).\((age % 1000) / 100) s ago\(glyphs.separator)every \(LiveTable.seconds(poll.intervalMilliseconds))"
            if poll.consecutiveFailures > 0 {
                freshness += "\(glyphs.separator)retrying in \(LiveTable.seconds(poll.currentDelay))"
            }
            lines.append((indent + freshness, .muted))
        }
        if let problem { lines.append(("\(glyphs.warning) \(problem)", .warning)) }
        if let diagnosis {
            lines.append(("", .normal))
            for line in StepRun.diagnosisLines(diagnosis) {
                lines.append((line, ReportLines.style(of: line, glyphs: glyphs)))
            }
        }
        if !others.isEmpty {
            lines.append(("", .normal))
            lines.append(("Other remotes", Style(.muted, bold: true)))
            for remote in others.prefix(otherRemotes) {
                let mark = remote.connected ? "\(glyphs.connected) connected" : "\(glyphs.disconnected) not connected"
                let (open, maximum) = remote.connections
                lines.append(
                    (
                        " " + TextLayout.pad(remote.alias, width: 11) + " " + TextLayout.pad(mark, width: 16)
                            + " \(remote.mode) \(remote.addressSummary)  \(open)/\(maximum.map(String.init) ?? "?")",
                        remote.connected ? .normal : .muted
                    ))
            }
        }
        return lines
    }

    /// The resolve error after "not reachable", unless the diagnosis already quotes it as what it
    /// saw (at 80x24 the fix would otherwise be pushed off the screen).
    static func shownOnce(_ error: String, diagnosis: Diagnosis?) -> String {
        diagnosis?.evidence?.contains(error) == true ? " (the error is quoted under Seen)" : ": \(error)"
    }

    public func title(_ context: WizardContext) -> String { "Live status of \(context.answers.alias)" }

    public func render(into buffer: inout ScreenBuffer, rect: Rect, context: WizardContext, theme: Theme) {
        var y = rect.y
        // Every line takes a row at least: more than the rows of `rect` are never drawn.
        for (text, style) in lines(context, glyphs: theme.glyphs, otherRemotes: rect.height) {
            let hanging = ReportLines.continuationIndent(text, glyphs: theme.glyphs)
            for part in TextLayout.wrapIndented(text, width: rect.width, hanging: hanging) {
                guard y < rect.maxY else { return }
                buffer.write(part, x: rect.x, y: y, width: rect.width, style: style)
                y += 1
            }
        }
    }

    public func keyHints(_ context: WizardContext) -> [KeyHint] {
        var hints = [KeyHint("r", "refresh now")]
        if !isConnected { hints.append(KeyHint("e", "edit connection")) }
        return hints + [KeyHint("Enter", "continue"), KeyHint("Esc", "back")]
    }

    public var help: HelpText {
        HelpText(
            "Live status",
            [
                "The local cluster is asked every second: GET /_remote/info for the configured connection (mode, address, open sockets, whether API-key credentials are present) and GET /_resolve/cluster/<alias>:*, which really contacts the remote. _remote/info alone can say connected long after the link broke, because Elasticsearch does not reconnect by itself.",
                "When the remote is not connected, the most likely cause and its fix are shown, worked out from everything the wizard saw: the preflight, the key, what was applied, and the errors Elasticsearch reports.",
                "r asks at once; e goes back to the connection details to change them.",
            ])
    }

    public func plain(_ context: WizardContext) -> PlainView {
        let lines = lines(context, glyphs: context.configuration.glyphs).map(\.0)
        if observation == nil && problem == nil {
            return PlainView(heading: "", lines: [], prompt: .wait("Asking the local cluster…"))
        }
        var actions = [PlainAction("r", "refresh", key: .character("r"))]
        if !isConnected { actions.append(PlainAction("e", "edit the connection", key: .character("e"))) }
        actions += [PlainAction("", "continue", key: .enter), PlainAction("b", "back", key: .escape)]
        return PlainView(
            heading: "", lines: lines.filter { !$0.hasPrefix(" ") || !$0.contains("updated ") },
            prompt: .actions(actions))
    }

    public var takesText: Bool { false }
}

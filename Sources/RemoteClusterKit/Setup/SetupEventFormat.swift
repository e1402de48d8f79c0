/// Setup events and reports as text lines and JSON objects, for `apply`, `undo` and plain mode.
public enum SetupEventFormat {
    /// `eu  4/9 Create or reuse the cross-cluster API key: done, created …` for a finished step;
    /// nil for other events.
    public static func line(for event: SetupEvent, symbols: StatusSymbols) -> String? {
        guard case .finished(let outcome) = event.kind else { return nil }
        return "\(prefix(event)) \(event.title): \(describe(outcome, symbols: symbols))"
    }

    /// The progress text of a running step, prefixed like `line(for:symbols:)`; nil otherwise.
    public static func progressLine(for event: SetupEvent) -> String? {
        guard case .progress(let text) = event.kind else { return nil }
        return "\(prefix(event)) \(text)"
    }

    static func prefix(_ event: SetupEvent) -> String {
        "[\(event.step.alias ?? "local")] \(event.step.kind.number)/\(SetupStepKind.allCases.count)"
    }

    /// The outcome in words, with its symbol; a failure says its cause and fix.
    public static func describe(_ outcome: StepOutcome, symbols: StatusSymbols) -> String {
        switch outcome {
        case .done(let changes): return "\(symbols.ok) done: \(changes.joined(separator: "; "))"
        case .passed(let text): return "\(symbols.ok) \(text)"
        case .alreadyDone(let text): return "\(symbols.ok) already done: \(text)"
        case .skipped(let text): return "- skipped: \(text)"
        case .needsConfirmation(let text): return "\(symbols.warning) waiting for you: \(text)"
        case .failed(let diagnosis): return "\(symbols.failure) failed: \(diagnosis.description)"
        case .cancelled: return "\(symbols.failure) cancelled"
        }
    }

    /// One JSON object per event: `step`, `number`, `alias`, `title`, `event` and, by event,
    /// `text` or `outcome` with `changes`, `text` or `diagnosis`.
    public static func json(for event: SetupEvent) -> JSONValue {
        var object: JSONValue = [
            "step": .string(event.step.kind.rawValue), "number": .int(event.step.kind.number),
            "alias": event.step.alias.map(JSONValue.string) ?? .null, "title": .string(event.title),
        ]
        switch event.kind {
        case .started: object["event"] = "started"
        case .progress(let text):
            object["event"] = "progress"
            object["text"] = .string(text)
        case .finished(let outcome):
            object["event"] = "finished"
            object["outcome"] = json(for: outcome)
        }
        return object
    }

    static func json(for outcome: StepOutcome) -> JSONValue {
        switch outcome {
        case .done(let changes): return ["result": "done", "changes": .array(changes.map(JSONValue.string))]
        case .passed(let text): return ["result": "passed", "text": .string(text)]
        case .alreadyDone(let text): return ["result": "already_done", "text": .string(text)]
        case .skipped(let text): return ["result": "skipped", "text": .string(text)]
        case .needsConfirmation(let text): return ["result": "needs_confirmation", "text": .string(text)]
        case .failed(let diagnosis): return ["result": "failed", "diagnosis": json(for: diagnosis)]
        case .cancelled: return ["result": "cancelled"]
        }
    }

    /// `{cause, catalogue_row?, summary, evidence?, fix, error?}`
    public static func json(for diagnosis: Diagnosis) -> JSONValue {
        var object: JSONValue = ["cause": .string(diagnosis.cause.rawValue), "summary": .string(diagnosis.summary)]
        if let row = diagnosis.catalogueRow { object["catalogue_row"] = .int(row) }
        if let evidence = diagnosis.evidence { object["evidence"] = .string(evidence) }
        object["fix"] = .string(diagnosis.fix)
        if let raw = diagnosis.raw { object["error"] = .string(raw) }
        return object
    }

    /// The end of an `apply`: one line per remote (connected, or where it stopped and why).
    public static func summary(of report: SetupReport, symbols: StatusSymbols) -> [String] {
        report.remotes.map { remote in
            if remote.connected { return "\(symbols.ok) \(remote.alias): connected" }
            let at = remote.stoppedAt.map { " at step \($0.kind.number) (\($0.kind))" } ?? ""
            if let question = remote.confirmation {
                return "\(symbols.warning) \(remote.alias): stopped\(at): \(question)"
            }
            let why = remote.diagnosis.map { ": \($0.description)" } ?? ""
            return "\(symbols.failure) \(remote.alias): not connected\(at)\(why)"
        }
    }

    /// `{"remotes": {alias: {connected, stopped_at?, diagnosis?, confirmation?}}, "left_behind": [...]}`
    public static func json(for report: SetupReport) -> JSONValue {
        var remotes: JSONValue = [:]
        for remote in report.remotes {
            var entry: JSONValue = ["connected": .bool(remote.connected)]
            if let stop = remote.stoppedAt { entry["stopped_at"] = .string(stop.kind.rawValue) }
            if let diagnosis = remote.diagnosis { entry["diagnosis"] = json(for: diagnosis) }
            if let question = remote.confirmation { entry["confirmation"] = .string(question) }
            remotes[remote.alias] = entry
        }
        return ["event": "summary", "remotes": remotes, "left_behind": .array(report.leftBehind.map(JSONValue.string))]
    }

    /// Every step's preview as text, with a heading per step (for `--dry-run`).
    public static func previewLines(_ previews: [(id: SetupStepID, title: String, preview: StepPreview)]) -> [String] {
        var lines: [String] = []
        for (id, title, preview) in previews {
            if !lines.isEmpty { lines.append("") }
            lines.append("== [\(id.alias ?? "local")] \(id.kind.number)/\(SetupStepKind.allCases.count) \(title)")
            lines += preview.lines
        }
        return lines
    }
}

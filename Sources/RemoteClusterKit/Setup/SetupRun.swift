/// One `SetupRunner` run: the phases of `apply` and `undo`, with the bounded concurrency.
struct SetupRun: Sendable {
    var services: SetupServices
    let concurrency: Int
    let events: SetupEventSink

    /// What one remote's sequence of steps produced.
    struct Sequence: Sendable {
        var alias: String
        var context: SetupContext
        var results: [StepResult]
        /// The result that stopped the sequence, when one did.
        var stop: StepResult? { results.last.flatMap { $0.outcome.allowsNextStep ? nil : $0 } }
    }

    func apply(_ start: SetupContext) async -> SetupReport {
        var context = start
        var results: [StepResult] = []
        var stops: [String: StepResult] = [:]
        let aliases = start.remotes.map(\.alias)

        // Steps 1-4 only read Kubernetes objects (or change one and say so): remotes that share
        // an object read it once.
        var reading = self
        reading.services.readMemo = KubernetesReadMemo()
        for sequence in await reading.eachRemote(aliases, context, steps: SetupSteps.beforeLocal) {
            context = context.merging(outputsOf: sequence.alias, from: sequence.context)
            results += sequence.results
            if let stop = sequence.stop { stops[sequence.alias] = stop }
        }
        let ready = aliases.filter { stops[$0] == nil }
        if !ready.isEmpty, !Task.isCancelled {
            let local = await SetupSteps.local(aliases: ready).run(in: context, services: services, events: events)
            context = local.context
            results.append(local)
            if !local.outcome.allowsNextStep { for alias in ready { stops[alias] = local } }
        }
        let connecting = aliases.filter { stops[$0] == nil }
        for sequence in await eachRemote(connecting, context, steps: SetupSteps.afterLocal) {
            context = context.merging(outputsOf: sequence.alias, from: sequence.context)
            results += sequence.results
            if let stop = sequence.stop { stops[sequence.alias] = stop }
        }
        if context.role != nil, !connecting.isEmpty, !Task.isCancelled {
            let role = await SetupSteps.role(aliases: aliases).run(in: context, services: services, events: events)
            context = role.context
            results.append(role)
        }
        let summaries = aliases.map { alias -> RemoteRunSummary in
            let stop = stops[alias]
            let outputs = context.outputs(for: alias)
            var confirmation: String?
            var diagnosis = outputs.diagnosis
            switch stop?.outcome {
            case .needsConfirmation(let question)?: confirmation = question
            case .failed(let found)?: diagnosis = found
            default: break
            }
            let connected = stop == nil && outputs.connection?.isConnectedWithCredentials == true
            return RemoteRunSummary(
                alias: alias, connected: connected, stoppedAt: stop?.id, diagnosis: connected ? nil : diagnosis,
                confirmation: confirmation)
        }
        return SetupReport(context: context, results: results, remotes: summaries, leftBehind: [])
    }

    func undo(_ start: SetupContext) async -> SetupReport {
        var context = start
        var results: [StepResult] = []
        for step in SetupSteps.undo(in: start) {
            if Task.isCancelled { break }
            let result = await step.run(in: context, services: services, events: events)
            context = result.context
            results.append(result)
        }
        let summaries = start.remotes.map { remote -> RemoteRunSummary in
            let failed = results.first { $0.id.alias == remote.alias && !$0.outcome.allowsNextStep }
            var diagnosis: Diagnosis?
            if case .failed(let found)? = failed?.outcome { diagnosis = found }
            return RemoteRunSummary(
                alias: remote.alias, connected: false, stoppedAt: failed?.id, diagnosis: diagnosis, confirmation: nil)
        }
        return SetupReport(
            context: context, results: results, remotes: summaries,
            leftBehind: results.flatMap(\.leftBehind).reduce(into: []) { lines, line in
                if !lines.contains(line) { lines.append(line) }
            })
    }

    /// Runs `steps(alias)` for every alias, at most `concurrency` aliases at a time, each from its
    /// own copy of `context`; results come back in the order of `aliases`.
    func eachRemote(
        _ aliases: [String], _ context: SetupContext, steps: @escaping @Sendable (String) -> [any SetupStep]
    )
        async -> [Sequence]
    {
        var finished: [String: Sequence] = [:]
        await withTaskGroup(of: Sequence.self) { group in
            var pending = aliases[...]
            func startNext() {
                guard let alias = pending.popFirst() else { return }
                group.addTask { await runSequence(alias, steps(alias), context) }
            }
            for _ in 0..<min(concurrency, aliases.count) { startNext() }
            for await sequence in group {
                finished[sequence.alias] = sequence
                startNext()
            }
        }
        return aliases.compactMap { finished[$0] }
    }

    func runSequence(_ alias: String, _ steps: [any SetupStep], _ start: SetupContext) async -> Sequence {
        var sequence = Sequence(alias: alias, context: start, results: [])
        for step in steps {
            if Task.isCancelled { break }
            let result = await step.run(in: sequence.context, services: services, events: events)
            sequence.context = result.context
            sequence.results.append(result)
            if !result.outcome.allowsNextStep { break }
        }
        return sequence
    }
}

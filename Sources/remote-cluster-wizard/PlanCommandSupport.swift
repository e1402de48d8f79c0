import ArgumentParser
import CurlTransport
import Foundation
import RemoteClusterKit

/// What `apply`, `undo` and `manifests` share: reading and checking the plan, resolving kubectl's
/// current context once, the engine's services, and printing the engine's events.
struct PlanCommandSupport {
    let output = CommandOutput()
    let symbols = StatusSymbols.forEnvironment(ProcessInfo.processInfo.environment)

    /// The checked plan; every problem (with its YAML path) and exit 2 otherwise. Warnings go to
    /// standard error.
    func load(_ path: String) throws -> Plan {
        do {
            let parsed = try Plan.load(from: URL(fileURLWithPath: path))
            for warning in parsed.warnings { output.error("warning: \(warning.description)") }
            return parsed.plan
        } catch {
            output.error(error.description)
            throw ExitCode(RemoteClusterWizard.badInputExitStatus)
        }
    }

    /// Whether the plan leaves a context to kubectl's current one.
    static func needsCurrentContext(_ plan: Plan) -> Bool {
        (plan.local.eck.context == nil && plan.local.applyManifests != .none)
            || plan.remotes.contains { $0.type == .eck && $0.setup.eck?.context == nil }
    }

    /// kubectl's current context, resolved once and printed, when the plan leaves a context out.
    func currentContext(for plan: Plan, kubectl: KubectlClient) async -> String? {
        guard Self.needsCurrentContext(plan) else { return nil }
        do {
            guard let name = try await kubectl.currentContext() else { return nil }
            output.error("Using kubectl's current context \(name) where the plan names no context.")
            return name
        } catch {
            output.error("kubectl's current context cannot be read: \(error.description)")
            return nil
        }
    }

    /// The engine's context, or every problem and exit 2 (nothing contacted).
    func context(
        _ plan: Plan, localResource: JSONValue? = nil, currentContext: String?, reading: PlanSecretNeeds = .all
    ) throws -> SetupContext {
        do {
            return try plan.setupContext(localResource: localResource, currentContext: currentContext, reading: reading)
        } catch {
            output.error(error.description)
            throw ExitCode(RemoteClusterWizard.badInputExitStatus)
        }
    }

    /// CurlTransport, CurlTLSProbe and kubectl, waiting at most `waitSeconds` for each condition.
    static func services(waitSeconds: Double, kubectl: KubectlClient = KubectlClient()) -> SetupServices {
        SetupServices(
            transport: CurlTransport(), prober: CurlTLSProbe(), kubernetes: kubectl,
            poll: PollPolicy(
                interval: .seconds(2), maximumInterval: .seconds(10), deadline: .milliseconds(Int64(waitSeconds * 1000))
            ))
    }

    /// Prints events: with `json` one object per event; on a terminal a line per finished step
    /// (progress shown on a line that the next one replaces); otherwise a line per finished step.
    func events(json: Bool) -> SetupEventSink {
        let output = output
        let symbols = symbols
        let terminal = isatty(STDOUT_FILENO) == 1
        return SetupEventSink { event in
            if json {
                output.print(SetupEventFormat.json(for: event).jsonString())
            } else if let line = SetupEventFormat.line(for: event, symbols: symbols) {
                output.print((terminal ? "\r\u{1B}[K" : "") + line)
            } else if terminal, let progress = SetupEventFormat.progressLine(for: event) {
                FileHandle.standardOutput.write(Data(("\r\u{1B}[K" + String(progress.prefix(160))).utf8))
            }
        }
    }

    /// Runs `work` until it ends or Ctrl-C cancels it.
    static func cancellableOnInterrupt<T: Sendable>(_ work: @escaping @Sendable () async -> T) async -> T {
        InterruptFlag.install()
        let task = Task { await work() }
        let watcher = Task {
            while !InterruptFlag.isSet && !Task.isCancelled { try? await Task.sleep(for: .milliseconds(100)) }
            if InterruptFlag.isSet { task.cancel() }
        }
        let value = await task.value
        watcher.cancel()
        return value
    }
}

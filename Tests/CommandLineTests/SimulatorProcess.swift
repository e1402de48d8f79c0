import CommandLineSupport
import Foundation
import RemoteClusterKit
import Testing

/// `remote-cluster-wizard simulate` running as a process, with its JSON line read.
struct SimulatorProcess {
    let run: WizardProcess
    let line: JSONValue

    static func start(_ arguments: [String] = [], directory: URL? = nil, input: Pipe? = nil) async throws
        -> SimulatorProcess
    {
        let run = try WizardProcess(["simulate"] + arguments, directory: directory, input: input)
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if let first = run.outputSoFar.split(separator: "\n").first, run.outputSoFar.contains("\n") {
                return SimulatorProcess(run: run, line: try JSONValue.parse(String(first)))
            }
            guard run.process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        run.process.terminate()
        throw SimulatorDidNotStart(output: run.outputSoFar)
    }

    /// Runs `body` with a started simulator and stops it afterwards, also when `body` throws.
    static func with(_ body: (SimulatorProcess) async throws -> Void) async throws {
        let simulator = try await start()
        do {
            try await body(simulator)
        } catch {
            _ = try? await simulator.stop()
            throw error
        }
        _ = try await simulator.stop()
    }

    func value(_ side: String, _ key: String) -> String { line[side]?[key]?.stringValue ?? "" }

    /// `status --url <local> --user elastic --ca <local ca>` with the password in ES_PASSWORD.
    func status(_ more: [String], environment: [String: String] = [:]) async throws -> WizardProcess.Finished {
        try await WizardProcess.run(
            ["status", "--url", value("local", "url"), "--user", "elastic", "--ca", value("local", "ca")] + more,
            environment: ["ES_PASSWORD": value("local", "password"), "LANG": "C.UTF-8"].merging(environment) { $1 })
    }

    /// Adds remotes to the local cluster with curl (`PUT /_cluster/settings`).
    func addRemotes(_ proxies: [String: String]) async throws {
        var remote: JSONValue = [:]
        for (alias, address) in proxies { remote[alias] = ["mode": "proxy", "proxy_address": .string(address)] }
        let body: JSONValue = ["persistent": ["cluster": ["remote": remote]]]
        let curl = try await ProcessRunner.run(
            URL(fileURLWithPath: "/usr/bin/curl"),
            arguments: [
                "-sS", "-f", "--cacert", value("local", "ca"), "-u", "elastic:\(value("local", "password"))", "-X",
                "PUT",
                "-H", "Content-Type: application/json", "--data-binary", "@-",
                value("local", "url") + "/_cluster/settings",
            ], stdin: body.jsonData(), timeoutSeconds: 30)
        #expect(curl.status == 0, "\(curl.stderrText)")
    }

    func stop() async throws -> WizardProcess.Finished {
        run.process.interrupt()
        return try await run.finish(timeout: 30)
    }

    struct SimulatorDidNotStart: Error, CustomStringConvertible {
        var output: String
        var description: String { "simulate printed no JSON line: \(output)" }
    }
}

import ClusterSimulator
import Foundation
import RemoteClusterKit
import Testing
import WizardCore
import WizardTerminal
import WizardTestSupport

/// Scripted runs of the wizard through the run loop against the in-process simulator: every remote
/// type to CONNECTED, the usual mistakes ending NOT CONNECTED with the right diagnosis, resuming a
/// cut run, and going back over an applied step.
@Suite("Wizard against the simulator", .serialized)
struct SimulatorScenarioTests {
    // MARK: The branches

    /// ECK: enable the remote cluster server with kubectl, fetch its CA, then the common path.
    func prepareECK(_ w: SimulatedWizard) async {
        await w.chooseType(.eck)
        #expect(w.screen == .remotePreparation)
        w.press(.enter, .enter, .enter, .enter)
        #expect(w.text.contains("remoteClusterServer"), "\(w.text)")
        w.press(.character("a"))
        await w.waitForJobs()
        #expect(w.text.contains("enabled the remote cluster server of Elasticsearch remote"), "\(w.text)")
        #expect(w.environment.remote.isRemoteClusterServerEnabled)
        #expect(!w.program.context.answers.caFile.isEmpty)
        w.press(.enter)
    }

    /// The connection details (changing what `edit` says), the preflight, the key, the local
    /// cluster, the remote added: the live screen.
    func connectAndAdd(
        _ w: SimulatedWizard, edit: (SimulatedWizard) -> Void = { _ in }, expectPreflightPasses: Bool = true,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async {
        #expect(w.screen == .connection, sourceLocation: sourceLocation)
        edit(w)
        await w.enter(until: .apiKey, sourceLocation: sourceLocation)
        if w.program.dialog?.title == "Preflight failed" {
            #expect(!expectPreflightPasses, "preflight failed:\n\(w.text)", sourceLocation: sourceLocation)
            w.press(.character("y"))
        } else {
            #expect(expectPreflightPasses, "the preflight passed", sourceLocation: sourceLocation)
        }
        #expect(w.screen == .apiKey, sourceLocation: sourceLocation)
        await w.enter(until: .localCluster, sourceLocation: sourceLocation)
        #expect(w.program.context.secrets.encodedKey != nil, sourceLocation: sourceLocation)
        await w.enter(until: .manifests, sourceLocation: sourceLocation)
        w.press(.character("a"))
        await w.waitForJobs(sourceLocation: sourceLocation)
        #expect(w.text.contains("created Secret"), "\(w.text)", sourceLocation: sourceLocation)
        await w.enter(until: .addRemote, sourceLocation: sourceLocation)
        await w.enter(until: .liveStatus, sourceLocation: sourceLocation)
    }

    @Test func eckRemoteToConnected() async throws {
        let w = try await SimulatedWizard.start(remoteClusterServerEnabled: false)
        await prepareECK(w)
        await connectAndAdd(w)
        await w.waitForLive(connected: true)
        #expect(w.text.contains("● CONNECTED"))
        #expect(w.text.contains("API key credentials ✓"))
        await w.enter(until: .dataAccess)
        w.press(.enter)
        await w.waitForJobs()
        #expect(w.text.contains("remote:logs-*: 20 documents"), "\(w.text)")
        await w.shutdown()
    }

    @Test func echRemoteToConnected() async throws {
        let w = try await SimulatedWizard.start()
        await w.chooseType(.ech)
        #expect(w.text.contains("(Remote cluster parameters)"), "\(w.text)")
        w.press(.enter)
        let ca = w.environment.remote.files.transportCA
        await connectAndAdd(w) { w in
            // The simulated proxy's certificate comes from a private CA.
            w.press(.tab, .tab)
            w.replaceField(with: ca)
        }
        await w.waitForLive(connected: true)
        #expect(w.text.contains("● CONNECTED"))
        await w.shutdown()
    }

    @Test func eceRemoteWithAPrivateCAToConnected() async throws {
        let w = try await SimulatedWizard.start()
        await w.chooseType(.ece)
        w.press(.down)
        #expect(w.text.contains("Show certificate chain"), "\(w.text)")
        w.press(.tab)
        w.replaceField(with: w.environment.remote.files.transportCA)
        w.press(.enter)
        #expect(w.program.context.answers.ecePrivateCA)
        #expect(w.program.context.answers.caFile == w.environment.remote.files.transportCA)
        w.press(.enter)
        await connectAndAdd(w)
        await w.waitForLive(connected: true)
        await w.shutdown()
    }

    @Test func selfManagedRemoteToConnected() async throws {
        let w = try await SimulatedWizard.start()
        await w.chooseType(.selfManaged)
        w.press(.enter)
        #expect(w.text.contains("elasticsearch-certutil"), "\(w.text)")
        w.press(.enter)
        #expect(w.program.dialog?.title == "Remote prepared?")
        w.press(.character("y"))
        let ca = w.environment.remote.files.transportCA
        await connectAndAdd(w) { w in
            // Mode (proxy), proxy address, server name, CA file.
            w.press(.tab, .tab, .tab)
            w.replaceField(with: ca)
        }
        await w.waitForLive(connected: true)
        await w.shutdown()
    }

    // MARK: Mistakes that end NOT CONNECTED

    /// ECH path with the given edit of the connection details; ends on the live screen, down.
    func notConnected(after edit: @escaping (SimulatedWizard) -> Void) async throws -> (SimulatedWizard, Diagnosis?) {
        let w = try await SimulatedWizard.start()
        await w.chooseType(.ech)
        w.press(.enter)
        await connectAndAdd(w, edit: edit, expectPreflightPasses: false)
        await w.waitForLive(connected: false)
        #expect(w.text.contains("○ NOT CONNECTED"), "\(w.text)")
        #expect(w.text.contains("Most likely:") && w.text.contains("Fix:"), "\(w.text)")
        return (w, w.live?.diagnosis)
    }

    @Test func wrongCA() async throws {
        let (w, diagnosis) = try await notConnected { w in
            w.press(.tab, .tab)
            w.replaceField(with: w.environment.remote.files.httpCA)
        }
        #expect(diagnosis?.cause == .untrustedCertificate, "\(String(describing: diagnosis))")
        await w.shutdown()
    }

    @Test func wrongServerName() async throws {
        let (w, diagnosis) = try await notConnected { w in
            w.press(.tab)
            w.replaceField(with: "wrong-name.example.net")
            w.press(.tab)
            w.replaceField(with: w.environment.remote.files.transportCA)
        }
        #expect(diagnosis?.cause == .serverNameMismatch, "\(String(describing: diagnosis))")
        await w.shutdown()
    }

    @Test func wrongPort() async throws {
        let (w, diagnosis) = try await notConnected { w in
            w.replaceField(with: w.environment.remote.transportAddress)
            w.press(.tab, .tab)
            w.replaceField(with: w.environment.remote.files.transportCA)
        }
        #expect(diagnosis?.cause == .transportPort, "\(String(describing: diagnosis))")
        await w.shutdown()
    }

    @Test func invalidatedKey() async throws {
        let w = try await SimulatedWizard.start(remoteClusterServerEnabled: false)
        await prepareECK(w)
        await connectAndAdd(w)
        await w.waitForLive(connected: true)
        await w.environment.faults.set(.keyInvalidated, true)
        await w.environment.remote.dropRemoteClusterConnections()
        await w.waitForLive(connected: false)
        #expect(w.live?.diagnosis?.cause == .invalidKey, "\(String(describing: w.live?.diagnosis))\n\(w.text)")
        #expect(w.text.contains("Most likely:"))
        await w.shutdown()
    }

    @Test func anAliasOtherThanTheKeystoresHasNoCredentials() async throws {
        let w = try await SimulatedWizard.start()
        await w.chooseType(.ech)
        w.press(.enter)
        #expect(w.screen == .connection)
        w.press(.tab, .tab)
        w.replaceField(with: w.environment.remote.files.transportCA)
        await w.enter(until: .apiKey)
        await w.enter(until: .localCluster)
        await w.enter(until: .manifests)
        w.press(.character("a"))
        await w.waitForJobs()
        await w.enter(until: .addRemote)
        w.replaceField(with: "other")
        w.press(.tab)
        #expect(w.text.contains("differs from"), "\(w.text)")
        await w.enter(until: .liveStatus)
        await w.waitForLive(connected: false)
        #expect(w.live?.diagnosis?.cause == .missingCredentials, "\(String(describing: w.live?.diagnosis))\n\(w.text)")
        await w.shutdown()
    }

    // MARK: Resume and Back

    @Test func resumeAfterTheRunIsCutMidWay() async throws {
        let w = try await SimulatedWizard.start(remoteClusterServerEnabled: false)
        await prepareECK(w)
        await w.enter(until: .apiKey)
        // Killed here: the progress file says API key; a new run offers to resume.
        let saved = w.restart()
        #expect(saved?.screen == .apiKey)
        #expect(saved?.answers.caFile.isEmpty == false)
        #expect(w.text.contains("An interrupted setup was found (ECK remote, alias remote, 2 changes"), "\(w.text)")
        #expect(w.text.contains("applied); it resumes at API key."), "\(w.text)")
        w.press(.character("r"))
        #expect(w.screen == .apiKey)
        await w.enter(until: .localCluster)
        await w.enter(until: .manifests)
        w.press(.character("a"))
        await w.waitForJobs()
        await w.enter(until: .addRemote)
        // Cut again after the local cluster was changed: the resume stays on Add remote.
        _ = w.restart()
        w.press(.character("r"))
        #expect(w.screen == .addRemote, "\(w.text)")
        await w.enter(until: .liveStatus)
        await w.waitForLive(connected: true)
        await w.shutdown()
    }

    @Test func backOverAnAppliedStepWarnsAndKeepsTheAnswers() async throws {
        let w = try await SimulatedWizard.start(remoteClusterServerEnabled: false)
        await prepareECK(w)
        await w.enter(until: .apiKey)
        await w.enter(until: .localCluster)
        await w.enter(until: .manifests)
        w.press(.character("a"))
        await w.waitForJobs()
        await w.enter(until: .addRemote)
        w.press(.escape)
        #expect(w.program.dialog?.title == "Already applied")
        #expect(w.program.dialog?.message.contains("This was already applied: ") == true)
        #expect(w.program.dialog?.message.contains("Going back keeps it") == true)
        w.press(.character("n"))
        #expect(w.screen == .addRemote)
        w.press(.escape)
        w.press(.character("y"))
        #expect(w.screen == .manifests)
        // The applied state and the answers are kept: Enter goes on without applying again.
        w.press(.enter)
        #expect(w.screen == .addRemote)
        #expect(w.program.context.answers.alias == "remote")
        await w.enter(until: .liveStatus)
        await w.waitForLive(connected: true)
        await w.shutdown()
    }
}

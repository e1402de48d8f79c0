import Foundation
import Testing

/// libcurl (with the thirty libraries it depends on) is loaded when the first request needs it,
/// not when the program starts: commands that send no request never load it, one that does
/// works as before, and a machine without libcurl gets a clear message and exit status 127.
@Suite struct LibcurlLoadingTests {
    /// Runs the binary with extra environment variables; standard output and error together.
    func run(environment: [String], _ arguments: [String]) throws -> (status: Int32, output: String) {
        guard let binary = WizardBinary.path else {
            throw TmuxError(description: "remote-cluster-wizard is not built; run swift build first")
        }
        return try ChildProcess.run(["env"] + environment + [binary] + arguments)
    }

    @Test(arguments: [["--version"], ["--help"], ["status", "--help"]])
    func commandsWithoutRequestsDoNotLoadLibcurl(arguments: [String]) throws {
        let (status, output) = try run(environment: ["LD_DEBUG=libs"], arguments)
        #expect(status == 0)
        // The dynamic loader did report what it loaded…
        #expect(output.contains("libstdc++.so.6"))
        // …and libcurl was not among it.
        #expect(!output.contains("libcurl"))
    }

    @Test func aRequestLoadsLibcurlWhenItIsSent() throws {
        // Nothing listens on port 1: the request is refused, after libcurl has been loaded for it.
        let (status, output) = try run(environment: ["LD_DEBUG=libs"], ["status", "--url", "http://127.0.0.1:1"])
        #expect(status == 1)
        #expect(output.contains("libcurl.so.4"))
        #expect(output.contains("error:"))
    }

    @Test func aMissingLibcurlIsReportedWithExitStatus127() throws {
        let (status, output) = try run(
            environment: ["REMOTE_CLUSTER_WIZARD_LIBCURL=/nonexistent/libcurl.so.4"],
            ["status", "--url", "http://127.0.0.1:1"])
        #expect(status == 127)
        #expect(output.contains("cannot load /nonexistent/libcurl.so.4"))
        #expect(output.contains("install libcurl4 and try again"))
    }

    /// `status` starts loading libcurl beside its own checks (LibcurlLoading.preload): a missing
    /// libcurl still leaves bad input to be reported as bad input, with exit status 2.
    @Test func aMissingLibcurlDoesNotHideBadInput() throws {
        let (status, output) = try run(
            environment: ["REMOTE_CLUSTER_WIZARD_LIBCURL=/nonexistent/libcurl.so.4"],
            ["status", "--url", "https://127.0.0.1:1", "--ca", "/nonexistent/ca.crt"])
        #expect(status == 2)
        #expect(output.contains("--ca: there is no file at /nonexistent/ca.crt"))
        #expect(!output.contains("cannot load"))
    }

    /// A library without libcurl's functions is reported like a missing one, naming the function.
    @Test func aLibraryWithoutLibcurlsFunctionsIsReportedWithExitStatus127() throws {
        let (status, output) = try run(
            environment: ["REMOTE_CLUSTER_WIZARD_LIBCURL=libz.so.1"], ["status", "--url", "http://127.0.0.1:1"])
        #expect(status == 127)
        #expect(output.contains("undefined symbol: curl_global_init"))
    }

    /// Bad input ends `status` while libcurl may still be loading on its own thread: the exit
    /// must wait for it and be clean every time, not crash in a half-loaded library.
    @Test func badInputExitsCleanlyWhileLibcurlLoads() throws {
        for _ in 0..<40 {
            let (status, output) = try run(environment: [], ["status", "--url", "ftp://127.0.0.1:1"])
            #expect(status == 2)
            #expect(output.hasPrefix("error: --url:"))
        }
    }

    /// The full-screen wizard loads libcurl only with its first request, after it has taken the
    /// terminal: when libcurl is missing then, the terminal is given back before the message.
    @Test func aMissingLibcurlInTheFullScreenWizardGivesTheTerminalBackFirst() async throws {
        guard WizardBinary.isTmuxInstalled else { Issue.record("tmux is not installed"); return }
        guard let binary = WizardBinary.path else { Issue.record("remote-cluster-wizard is not built"); return }
        let pane = try TmuxPane(width: 100, height: 30)
        defer { pane.close() }
        try pane.typeLine(
            "REMOTE_CLUSTER_WIZARD_LIBCURL=/nonexistent/libcurl.so.4 XDG_STATE_HOME='\(DemoEndToEndTests.stateHome())' "
                + "'\(binary)' demo --autoplay --autoplay-delay 0; echo \"exit status $?\"")
        let screen = await pane.waitFor("the exit status", timeout: 60) { $0.contains("exit status 127") }
        #expect(screen.contains("cannot load /nonexistent/libcurl.so.4"))
        // The wizard's screen is gone: the shell's screen is back, with the message on it.
        #expect(!screen.contains("F1 help"))
        let mode = try pane.run(["display-message", "-p", "-t", pane.session, "#{alternate_on}"])
        #expect(mode.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
    }
}

import ArgumentParser
import ClusterSimulator
import CurlTransport
import Foundation
import RemoteClusterKit
import WizardCore
import WizardTerminal

extension AutoplayFault: ExpressibleByArgument {}
extension RemoteClusterType: ExpressibleByArgument {}

/// The screen names `--autoplay-until` takes: `remote-type`, `api-key`, ...
enum ScreenName {
    static func name(_ screen: ScreenID) -> String {
        screen.rawValue.reduce(into: "") { name, character in
            if character.isUppercase { name += "-" + character.lowercased() } else { name.append(character) }
        }
    }

    static func screen(_ name: String) -> ScreenID? { ScreenID.allCases.first { self.name($0) == name } }

    static var all: String { ScreenID.allCases.map(name).joined(separator: ", ") }
}

/// What autoplay does on the simulated remote's side.
enum DemoRemoteSide {
    /// Acts as the remote's admin: invalidates the key through the remote's REST API, then closes the
    /// remote's open remote cluster connections, as its nodes restarting would, so the local cluster
    /// connects again and is refused.
    static func make(_ environment: SimulatedEnvironment) -> AutoplayTerminal.RemoteSide {
        { action in
            switch action {
            case .invalidateKey(let name):
                let client = ElasticsearchClient(transport: CurlTransport(), endpoint: environment.remote.adminEndpoint)
                _ = try? await client.invalidateAPIKeys(.name(name))
                await environment.remote.dropRemoteClusterConnections()
            }
        }
    }
}

/// The `--fault` list for `demo --help`.
enum DemoFaultHelp {
    // Built on every start (ArgumentParser reads every subcommand's discussion), so padded
    // without Foundation's `padding(toLength:)`, which goes through NSString (1.6 M instructions).
    static var text: String {
        AutoplayFault.allCases.map { fault in
            let name = fault.rawValue
            return "  " + name + String(repeating: " ", count: max(0, 19 - name.count)) + " " + fault.summary
        }
        .joined(separator: "\n")
    }
}

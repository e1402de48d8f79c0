import WizardCore
import RemoteClusterKit

/// The gallery's field checks: the engine's validators, under the gallery's field names.
enum GalleryValidators {
    static let alias: [Validator] = [.text { Validators.alias($0, field: "Alias") }]
    static let proxyAddress: [Validator] = [.text { Validators.proxyAddress($0, field: "Proxy address") }]
    static let serverName: [Validator] = [.text { Validators.serverName($0, field: "Server name") }]
    static let apiKey: [Validator] = [.text { Validators.encodedAPIKey($0, field: "API key") }]
}

import RemoteClusterKit

/// The gallery's field checks. (Switches to the engine's `Validators` once they are on main.)
enum GalleryValidators {
    static let alias: [Validator] = [.required("Alias", fix: "Type a short name such as logs.")]
    static let proxyAddress: [Validator] = [.required("Proxy address", fix: "Type host:port, for example lb.example.net:9443.")]
    static let serverName: [Validator] = []
}

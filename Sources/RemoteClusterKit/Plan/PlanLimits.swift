/// Sizes past which a plan is refused with a message instead of being worked through.
///
/// One local cluster with more than a thousand remote clusters is not a real setup (each
/// connection keeps up to 18 sockets open per node); a plan that large is a mistake or an
/// attack, and every later step (manifests, apply, undo) would have to carry it.
public struct PlanLimits: Sendable, Hashable {
    /// The most entries `remotes` may have.
    public var maximumRemotes: Int

    public init(maximumRemotes: Int = 1000) {
        self.maximumRemotes = maximumRemotes
    }

    /// The limits every command reads plans with.
    public static let standard = PlanLimits()
}

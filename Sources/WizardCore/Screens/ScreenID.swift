/// Every screen of the wizard. The flow (`SetupFlow`) puts them in order; each is one file in
/// this folder, made by `makeScreen`.
public enum ScreenID: String, Sendable, Hashable, Codable, CaseIterable {
    case welcome
    case remoteType
    case remotePreparation
    case connection
    case apiKey
    case localCluster
    case manifests
    case addRemote
    case liveStatus
    case dataAccess
    case role
    case summary

    /// The name in the step rail.
    public var shortTitle: String {
        switch self {
        case .welcome: return "Welcome"
        case .remoteType: return "Remote type"
        case .remotePreparation: return "Prepare remote"
        case .connection: return "Connection"
        case .apiKey: return "API key"
        case .localCluster: return "Local cluster"
        case .manifests: return "Manifests"
        case .addRemote: return "Add remote"
        case .liveStatus: return "Live status"
        case .dataAccess: return "Data access"
        case .role: return "Role"
        case .summary: return "Summary"
        }
    }

    /// A new screen of this kind, filled from the answers so far.
    func makeScreen(_ context: WizardContext) -> any WizardScreen {
        switch self {
        case .welcome: return WelcomeScreen(context)
        case .remoteType: return RemoteTypeScreen(context)
        case .remotePreparation: return RemotePreparationScreen(context)
        case .connection: return ConnectionScreen(context)
        case .apiKey: return APIKeyScreen(context)
        case .localCluster: return LocalClusterScreen(context)
        case .manifests: return ManifestsScreen(context)
        case .addRemote: return AddRemoteScreen(context)
        case .liveStatus: return LiveStatusScreen(context)
        case .dataAccess: return DataAccessScreen(context)
        case .role: return RoleScreen(context)
        case .summary: return SummaryScreen(context)
        }
    }
}

/// The order of the screens. Every remote type walks the same screens; what each shows depends
/// on the type.
public enum SetupFlow {
    /// All screens in order.
    public static let order: [ScreenID] = ScreenID.allCases

    /// The screen after `screen`, nil at the end.
    public static func next(after screen: ScreenID) -> ScreenID? {
        guard let index = order.firstIndex(of: screen), index + 1 < order.count else { return nil }
        return order[index + 1]
    }

    /// The screen before `screen`, nil at the start.
    public static func previous(before screen: ScreenID) -> ScreenID? {
        guard let index = order.firstIndex(of: screen), index > 0 else { return nil }
        return order[index - 1]
    }

    /// Where a saved run resumes: where it stopped, unless a secret the next steps need is not
    /// known (secrets are never saved): then the screen that asks for it, with why.
    public static func resumeScreen(_ progress: SavedProgress, secrets: SetupSecrets) -> (ScreenID, String?) {
        func index(_ screen: ScreenID) -> Int { order.firstIndex(of: screen) ?? 0 }
        let at = index(progress.screen)
        let keyInLocalCluster = progress.applied.contains { $0.screen == .manifests }
        let keyKnown = progress.answers.apiKeyMode == "paste" ? secrets.encodedKey != nil : false
        if at > index(.apiKey), !keyInLocalCluster, !keyKnown {
            return (
                .apiKey,
                "The API key is kept in memory only, so it is asked again here (a key with the same name is reused when the local Secret holds it)."
            )
        }
        if at > index(.localCluster), secrets.localPassword == nil {
            return (.localCluster, "Passwords are never saved: give the local cluster's password again.")
        }
        return (progress.screen, nil)
    }

    /// Step n of m, counting from the remote type (the welcome screen has no number).
    public static func progress(of screen: ScreenID) -> StepProgress? {
        guard screen != .welcome, let index = order.firstIndex(of: screen) else { return nil }
        return StepProgress(index, of: order.count - 1)
    }
}

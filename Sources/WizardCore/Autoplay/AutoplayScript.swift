import RemoteClusterKit

/// What autoplay does on each screen for a plan: the keys a person presses on that screen for the
/// chosen remote type, with the plan's mistake typed where a person would make it.
enum AutoplayScript {
    static func steps(for screen: ScreenID, plan: AutoplayPlan, context: WizardContext) -> [AutoplayStep] {
        switch screen {
        case .welcome:
            return [.linger(2), .press(.enter)]
        case .remoteType:
            let index = RemoteTypeScreen.options.firstIndex { $0.id == plan.type.rawValue } ?? 0
            return [.linger(1), .press(.home)] + Array(repeating: .press(.down), count: index) + [
                .linger(1), .press(.enter),
            ]
        case .remotePreparation:
            return preparation(plan)
        case .connection:
            return connection(plan) + [.continueToNextScreen]
        case .apiKey, .localCluster:
            return [.linger(1), .continueToNextScreen]
        case .manifests:
            return [.linger(2), .press(.character("a")), .waitForEngine, .linger(2), .continueToNextScreen]
        case .addRemote:
            let rename = plan.fault == .noCredentials ? AutoplayStep.replace("alias", with: plan.values.otherAlias) : []
            return rename + [.continueToNextScreen]
        case .liveStatus:
            return live(plan, context: context)
        case .dataAccess, .role:
            // Only played when the plan stops at a later screen.
            return [.linger(1), .continueToNextScreen]
        case .summary:
            return []
        }
    }

    /// Prepare remote: ECK applies the change and fetches the CA; ECE says its proxy has a private
    /// CA (the simulated one does) and gives it; self-managed confirms the commands were run.
    static func preparation(_ plan: AutoplayPlan) -> [AutoplayStep] {
        switch plan.type {
        case .eck:
            return [
                .pressUntil(.enter, .preparationShown), .linger(2), .press(.character("a")), .waitForEngine,
                .linger(2), .continueToNextScreen,
            ]
        case .ech:
            return [.linger(2), .continueToNextScreen]
        case .ece:
            return [.linger(1), .press(.down)] + AutoplayStep.replace("caFile", with: plan.values.remoteClusterCAFile)
                + [.pressUntil(.enter, .preparationShown), .linger(2), .continueToNextScreen]
        case .selfManaged:
            return [.pressUntil(.enter, .preparationShown), .linger(2), .continueToNextScreen]
        }
    }

    /// Connection details: the CA file where the demo cannot fill it in (the simulated remote's
    /// certificate is from a private CA), then the mistake, in the order of the fields.
    static func connection(_ plan: AutoplayPlan) -> [AutoplayStep] {
        var values: [String: String] = [:]
        if [.ech, .selfManaged].contains(plan.type) { values["caFile"] = plan.values.remoteClusterCAFile }
        switch plan.fault {
        case .wrongCA?: values["caFile"] = plan.values.restCAFile
        case .wrongServerName?: values["serverName"] = plan.values.wrongServerName
        case .wrongPort?: values["proxyAddress"] = plan.values.transportAddress
        case .invalidatedKey?, .noCredentials?, nil: break
        }
        return ["proxyAddress", "serverName", "caFile"].flatMap { field in
            values[field].map { AutoplayStep.replace(field, with: $0) } ?? []
        }
    }

    /// Live status: wait for the state the plan ends in (and go on when it stops at a later screen).
    static func live(_ plan: AutoplayPlan, context: WizardContext) -> [AutoplayStep] {
        let order = SetupFlow.order
        let goesOn = plan.stopAt.map { order.firstIndex(of: $0)! > order.firstIndex(of: .liveStatus)! } ?? false
        return awaitLiveState(plan, context: context) + (goesOn ? [.linger(2), .continueToNextScreen] : [])
    }

    /// The live state the plan's branch ends in, and how it gets there.
    static func awaitLiveState(_ plan: AutoplayPlan, context: WizardContext) -> [AutoplayStep] {
        switch plan.fault {
        case nil:
            return [.waitUntil(.connected)]
        case .invalidatedKey?:
            let name = context.outputs.keyName ?? context.answers.keyName
            return [
                .waitUntil(.connected), .linger(4), .remote(.invalidateKey(name: name)),
                .waitUntil(.diagnosed(.invalidKey)),
            ]
        case let fault?:
            return [.waitUntil(.diagnosed(fault.expectedCause))]
        }
    }
}

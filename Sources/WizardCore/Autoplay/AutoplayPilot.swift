import RemoteClusterKit

/// How long autoplay waits after a move, in paces (the driver turns them into milliseconds).
public enum AutoplayPace: Sendable, Hashable {
    /// After a key that moves on (Enter, Tab, an action key): one pace.
    case step
    /// After a typed character: a fraction of a pace, so typing looks like typing.
    case typing
}

/// What the driver does next.
public enum AutoplayMove: Sendable, Hashable {
    /// Feed this key into the run loop, then wait the pace.
    case press(Key, AutoplayPace)
    /// Nothing to do yet (engine work runs, the live view has not settled): look again soon.
    case wait
    /// Leave the screen as it is for this many paces.
    case pause(Int)
    /// Carry out this action on the remote's side, then ask again.
    case remote(AutoplayRemoteAction)
    /// Autoplay is over; from now on the person has the keyboard.
    case finish(AutoplayEnd)
}

/// Why autoplay ended.
public enum AutoplayEnd: Sendable, Hashable {
    /// The branch was played to the live status.
    case finished
    /// The screen to stop at was reached.
    case stopped(at: ScreenID)
    /// Something the script does not expect happened; the reason in a few words.
    case gaveUp(String)
}

/// Plays an `AutoplayPlan`: looks at the wizard as a person looks at the screen (which screen,
/// which field has the focus, whether a step is still working, what the live status says) and
/// says which key to press next. It never changes the wizard itself: its keys reach the wizard
/// through the run loop like keys from the keyboard.
public struct AutoplayPilot: Sendable {
    public let plan: AutoplayPlan
    private var screen: ScreenID?
    private var steps: [AutoplayStep] = []
    private var index = 0
    /// Characters of the current `.type` step typed so far.
    private var typed = 0
    /// Keys pressed for the current step (to notice a step that makes no progress).
    private var attempts = 0
    /// Whether the screen's engine work was running at the last look.
    private var sawWork = false
    /// Whether the open question has been shown long enough to be read.
    private var readQuestion = false
    /// When the current wait began (the wizard's clock).
    private var waitingSince: Moment?

    /// How many keys one step may take before autoplay gives up on it.
    static let attemptLimit = 30
    /// How long autoplay waits for the live status to show what the plan ends in.
    static let liveWaitMilliseconds: Int64 = 120_000

    public init(_ plan: AutoplayPlan) { self.plan = plan }

    /// The next move for the wizard as it is now.
    public mutating func next(_ wizard: SetupWizard) -> AutoplayMove {
        if wizard.current != screen {
            screen = wizard.current
            if wizard.current == plan.stopAt { return .finish(.stopped(at: wizard.current)) }
            steps = AutoplayScript.steps(for: wizard.current, plan: plan, context: wizard.context)
            index = 0
            typed = 0
            attempts = 0
            sawWork = false
            waitingSince = nil
        }
        if let dialog = wizard.dialog { return answer(dialog, in: wizard) }
        readQuestion = false
        while index < steps.count {
            let step = steps[index]
            if step.needsIdleScreen, wizard.isWorking {
                sawWork = true
                return .wait
            }
            if sawWork {
                // A step just finished: leave its result on screen for a moment.
                sawWork = false
                return .pause(2)
            }
            if let move = perform(step, in: wizard) { return move }
            advance()
        }
        return .finish(
            wizard.current == .liveStatus ? .finished : .gaveUp("nothing planned on \(wizard.current.shortTitle)"))
    }

    private mutating func advance() {
        index += 1
        typed = 0
        attempts = 0
        waitingSince = nil
    }

    /// The move for `step`, or nil when the step is complete.
    private mutating func perform(_ step: AutoplayStep, in wizard: SetupWizard) -> AutoplayMove? {
        switch step {
        case .press(let key):
            advance()
            return .press(key, .step)
        case .type(let text):
            guard typed < text.count else { return nil }
            let character = text[text.index(text.startIndex, offsetBy: typed)]
            typed += 1
            return .press(.character(character), .typing)
        case .focus(let id):
            return focus(id, in: wizard)
        case .pressUntil(let key, let condition):
            if condition.holds(in: wizard) { return nil }
            return attempt(key, failing: "\(condition.description) did not come")
        case .waitForEngine:
            return nil
        case .continueToNextScreen:
            return attempt(.enter, failing: "no way on from \(wizard.current.shortTitle)")
        case .waitUntil(let condition):
            if condition.holds(in: wizard) { return nil }
            let now = wizard.context.now
            let since = waitingSince ?? now
            waitingSince = since
            if now.milliseconds(since: since) > Self.liveWaitMilliseconds {
                return .finish(.gaveUp("\(condition.description) did not come"))
            }
            return .wait
        case .linger(let paces):
            advance()
            return .pause(paces)
        case .remote(let action):
            advance()
            return .remote(action)
        }
    }

    /// Presses `key` once more, or gives up when the step has taken too many.
    private mutating func attempt(_ key: Key, failing reason: String) -> AutoplayMove {
        attempts += 1
        if attempts > Self.attemptLimit { return .finish(.gaveUp(reason)) }
        return .press(key, .step)
    }

    /// Tab or Shift-Tab towards the field.
    private mutating func focus(_ id: String, in wizard: SetupWizard) -> AutoplayMove? {
        guard let form = wizard.currentForm, let target = form.step.index(of: id) else {
            return .finish(.gaveUp("no field \(id) on \(wizard.current.shortTitle)"))
        }
        let focus = form.step.focus
        if focus == target { return nil }
        return attempt(focus > target ? .backTab : .tab, failing: "the focus did not reach \(id)")
    }

    /// A question the screen asks: read it, then answer as the plan says, or hand over.
    private mutating func answer(_ dialog: ModalDialog, in wizard: SetupWizard) -> AutoplayMove {
        if !readQuestion {
            readQuestion = true
            return .pause(2)
        }
        readQuestion = false
        switch wizard.screen {
        case is ConnectionScreen where plan.fault?.failsPreflight == true:
            // The mistake is made on purpose: continue past the failed preflight.
            return .press(.character("y"), .step)
        case is ConnectionScreen:
            return .finish(.gaveUp("the preflight failed"))
        case is RemotePreparationScreen where plan.type == .selfManaged:
            // The simulated self-managed remote is already configured.
            return .press(.character("y"), .step)
        default:
            return .finish(.gaveUp("a question autoplay does not answer (\(dialog.title))"))
        }
    }
}

extension AutoplayStep {
    /// Whether the step waits until the screen's engine work has finished before it acts.
    var needsIdleScreen: Bool {
        switch self {
        case .waitUntil, .linger, .remote: return false
        case .press, .type, .focus, .pressUntil, .waitForEngine, .continueToNextScreen: return true
        }
    }
}

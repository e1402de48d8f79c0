import RemoteClusterKit

/// One thing autoplay does on a screen, the way a person would: keys, typing, waiting for what
/// the screen shows. Every key goes through the run loop like a key from the keyboard.
public enum AutoplayStep: Sendable, Hashable {
    /// Press one key.
    case press(Key)
    /// Type text, one key per character.
    case type(String)
    /// Move the focus to the field with this id (Tab or Shift-Tab).
    case focus(String)
    /// Press the key until the condition holds.
    case pressUntil(Key, AutoplayCondition)
    /// Wait until the engine work the screen started has finished.
    case waitForEngine
    /// Press Enter until the screen is left, waiting for the screen's engine work between presses
    /// and answering the questions it asks on the way.
    case continueToNextScreen
    /// Wait until the condition holds.
    case waitUntil(AutoplayCondition)
    /// Leave the screen as it is for this many paces, so it can be read.
    case linger(Int)
    /// Something done on the remote's side, outside the wizard (by the demo's driver).
    case remote(AutoplayRemoteAction)

    /// Empties the focused field and types `text` into it.
    static func replace(_ field: String, with text: String) -> [AutoplayStep] {
        [.focus(field), .press(.end), .press(.control("u")), .type(text), .linger(1)]
    }
}

/// What autoplay waits for.
public enum AutoplayCondition: Sendable, Hashable {
    /// The Prepare remote screen shows its preview (its fields are done).
    case preparationShown
    /// The live status shows the remote CONNECTED with API-key credentials.
    case connected
    /// The live status shows the remote not connected, with a diagnosis naming this cause.
    case diagnosed(Diagnosis.Cause)

    /// Whether the wizard shows it now.
    func holds(in wizard: SetupWizard) -> Bool {
        switch self {
        case .preparationShown:
            return (wizard.screen as? RemotePreparationScreen)?.parts.reviewing ?? false
        case .connected:
            return (wizard.screen as? LiveStatusScreen)?.observation?.isConnectedWithCredentials ?? false
        case .diagnosed(let cause):
            return (wizard.screen as? LiveStatusScreen)?.diagnosis?.cause == cause
        }
    }

    /// What is awaited, for the message when it does not come.
    var description: String {
        switch self {
        case .preparationShown: return "the preparation preview"
        case .connected: return "CONNECTED"
        case .diagnosed(let cause): return "a diagnosis of \(cause)"
        }
    }
}

/// Something autoplay does on the remote's side, which the wizard only sees through the clusters.
public enum AutoplayRemoteAction: Sendable, Hashable {
    /// The remote's admin invalidates the cross-cluster API key with this name (and the remote's
    /// open remote cluster connections close, as when its nodes restart).
    case invalidateKey(name: String)
}

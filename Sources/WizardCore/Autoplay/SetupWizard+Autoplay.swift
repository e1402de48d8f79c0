/// A screen that asks its answers in a form.
protocol FormScreen {
    var fields: ScreenForm { get }
}

extension RemotePreparationScreen: FormScreen { var fields: ScreenForm { parts.form } }
extension ConnectionScreen: FormScreen { var fields: ScreenForm { parts.form } }
extension APIKeyScreen: FormScreen { var fields: ScreenForm { parts.form } }
extension LocalClusterScreen: FormScreen { var fields: ScreenForm { parts.form } }
extension AddRemoteScreen: FormScreen { var fields: ScreenForm { parts.form } }

extension SetupWizard {
    /// Whether engine work the current screen started is still running.
    public var isWorking: Bool { jobOwners.values.contains(current) }

    /// The form of the current screen, if it has one.
    var currentForm: ScreenForm? { (screen as? any FormScreen)?.fields }
}

/// A screen that asks its answers in a form.
protocol FormScreen {
    var form: ScreenForm { get }
}

extension RemotePreparationScreen: FormScreen {}
extension ConnectionScreen: FormScreen {}
extension APIKeyScreen: FormScreen {}
extension LocalClusterScreen: FormScreen {}
extension AddRemoteScreen: FormScreen {}

extension SetupWizard {
    /// Whether engine work the current screen started is still running.
    public var isWorking: Bool { jobOwners.values.contains(current) }

    /// The form of the current screen, if it has one.
    var currentForm: ScreenForm? { (screen as? any FormScreen)?.form }
}

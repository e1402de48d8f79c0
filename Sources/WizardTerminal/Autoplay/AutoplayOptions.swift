import WizardCore

/// Autoplay for a full-screen run: what to play, how fast, and who acts on the remote's side.
public struct AutoplayOptions: Sendable {
    public var pilot: AutoplayPilot
    /// Milliseconds between steps (0: as fast as the wizard goes).
    public var paceMilliseconds: Int64
    public var remoteSide: AutoplayTerminal.RemoteSide

    public init(
        _ plan: AutoplayPlan, paceMilliseconds: Int64, remoteSide: @escaping AutoplayTerminal.RemoteSide
    ) {
        pilot = AutoplayPilot(plan)
        self.paceMilliseconds = paceMilliseconds
        self.remoteSide = remoteSide
    }

    /// The device that plays the pilot on `terminal`, looking at the wizard through `wizard`.
    public func terminal(
        wrapping terminal: any TerminalDevice, clock: any LoopClock, wizard: @escaping () -> SetupWizard?
    ) -> AutoplayTerminal {
        AutoplayTerminal(
            wrapping: terminal, clock: clock, wizard: wizard, pilot: pilot, paceMilliseconds: paceMilliseconds,
            remoteSide: remoteSide)
    }
}

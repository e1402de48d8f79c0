import ArgumentParser
import RemoteClusterKit

/// The problems a subcommand found in its options (nothing has been contacted yet).
struct InputProblems: Error {
    var list: [FieldProblem]
}

extension CommandOutput {
    /// Prints every problem as `error: …` on standard error and returns the bad-input exit status.
    func refuse(_ problems: InputProblems) -> ExitCode {
        for problem in problems.list { error(problem.description) }
        return ExitCode(RemoteClusterWizard.badInputExitStatus)
    }
}

import Foundation
import WizardCore

extension Gallery {
    /// The gallery as line prompts: the step's text (the document, the table rows) and its
    /// focused field, or the actions of a step without fields.
    public var plainView: PlainView {
        if let dialog {
            return PlainView(heading: dialog.title, lines: [dialog.message], prompt: .actions(dialog.plainActions))
        }
        let step = wizard.currentStep
        let progress = wizard.progress
        var lines = step.intro.map { [$0] } ?? []
        switch step.id {
        case "viewer": lines += ["--- manifests.yaml ---"] + viewer.lines
        case "live": lines += table.rows.map { $0.cells.joined(separator: "  ") }
        default: break
        }
        let prompt: PlainPrompt =
            step.plainField(answers: wizard.answers).map(PlainPrompt.field)
            ?? .actions([PlainAction("", "continue", key: .enter), PlainAction("b", "back", key: .escape)])
        return PlainView(
            heading: "Step \(progress.number) of \(progress.count): \(step.title)", lines: lines, prompt: prompt)
    }
}

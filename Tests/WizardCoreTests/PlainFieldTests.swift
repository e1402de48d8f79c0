import RemoteClusterKit
import Testing

@testable import WizardCore

/// Plain mode turns answers into the keys a person would press.
@Suite("Plain answers as keys")
struct PlainFieldTests {
    @Test func textReplacesKeepsOrClears() {
        let field = PlainField(id: "a", label: "Alias", kind: .text("logs"))
        #expect(field.keys(for: "metrics") == .success([.end, .control("u"), .paste("metrics")]))
        #expect(field.keys(for: "") == .success([]))
        #expect(field.keys(for: "-") == .success([.end, .control("u")]))
    }

    @Test func choicesMoveFromTheSelectedOption() {
        let options = ["a", "b", "c", "d"].map { ChoiceOption(id: $0, title: $0) }
        let field = PlainField(id: "t", label: "Type", kind: .choice(options, selected: 2))
        #expect(field.keys(for: "4") == .success([.down]))
        #expect(field.keys(for: "1") == .success([.up, .up]))
        #expect(field.keys(for: "3") == .success([]))
        guard case .failure(let problem) = field.keys(for: "9") else {
            Issue.record("9 was accepted")
            return
        }
        #expect(problem.description == "Type: \"9\" is not one of the choices. Type a number from 1 to 4.")
    }

    @Test func multiChoiceTogglesWhatDiffers() {
        let options = ["search", "replication"].map { ChoiceOption(id: $0, title: $0) }
        let field = PlainField(id: "m", label: "Access", kind: .multiChoice(options, chosen: ["search"]))
        #expect(field.keys(for: "2") == .success([.home, .character(" "), .down, .character(" ")]))
        #expect(field.keys(for: "1,2") == .success([.home, .down, .character(" ")]))
    }

    @Test func confirmTakesYesOrNo() {
        let field = PlainField(id: "c", label: "Skip", kind: .confirm(true))
        #expect(field.keys(for: "n") == .success([.character("n")]))
        #expect(field.keys(for: "YES") == .success([.character("y")]))
        if case .success = field.keys(for: "maybe") { Issue.record("maybe was accepted") }
    }
}

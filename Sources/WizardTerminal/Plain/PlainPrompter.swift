import RemoteClusterKit
import WizardCore

/// The wizard as line prompts, for screen readers, logs and terminals without cursor control
/// (`--plain`, `TERM=dumb`, or when stdin or stdout is not a terminal). It walks the same steps with
/// the same validators as the full-screen form: a refused answer prints the problem and asks again.
public struct PlainPrompter {
    /// Reads one line without its newline; nil at end of input.
    public var readLine: () -> String?
    /// Reads a secret without echo; nil at end of input.
    public var readSecret: (String) -> String?
    /// Writes text (prompts have no newline), with control characters made visible
    /// (`TerminalText.visible`): prompts show text from servers and files.
    public var write: (String) -> Void
    public var glyphs: Glyphs

    public init(
        readLine: @escaping () -> String?, readSecret: @escaping (String) -> String?,
        write: @escaping (String) -> Void, glyphs: Glyphs
    ) {
        self.readLine = readLine
        self.readSecret = readSecret
        self.write = { write(TerminalText.visible($0)) }
        self.glyphs = glyphs
    }

    /// Standard input and output; secrets are read with echo off when stdin is a terminal. When
    /// stdin is not a terminal, answers are echoed (secrets as mask marks) so the output reads as a log.
    public static func standard(glyphs: Glyphs) -> PlainPrompter {
        let echo = isatty(STDIN_FILENO) != 1
        let output = FileHandle.standardOutput
        return PlainPrompter(
            readLine: {
                let line = Swift.readLine(strippingNewline: true)
                if echo, let line { output.write(Data((line + "\n").utf8)) }
                return line
            },
            readSecret: { prompt in
                let line = TerminalEcho.readWithoutEcho(prompt: prompt)
                // As many mask marks as the secret has characters (at most 12), in the locale's glyphs.
                if echo, let line {
                    output.write(Data((String(repeating: glyphs.mask, count: min(line.count, 12)) + "\n").utf8))
                }
                return line
            },
            write: { text in
                FileHandle.standardOutput.write(Data(text.utf8))
            },
            glyphs: glyphs)
    }

    /// What happened.
    public enum Outcome: Sendable, Hashable {
        case finished
        /// Input ended before the last step.
        case endOfInput
    }

    /// Asks every field of every visible step; steps without fields are handed to `showStep`
    /// (documents, tables), which prints them.
    public func run(_ wizard: inout Wizard, showStep: (WizardStep, Answers) -> Void) -> Outcome {
        while true {
            let step = wizard.currentStep
            let progress = wizard.progress
            write("\n== Step \(progress.number) of \(progress.count): \(step.title) ==\n")
            if let intro = step.intro { write(intro + "\n") }
            if step.fields.isEmpty {
                showStep(step, wizard.answers)
            }
            for index in step.fields.indices {
                guard ask(fieldAt: index, in: &wizard) else { return .endOfInput }
            }
            switch wizard.next() {
            case .finished: return .finished
            case .blocked:
                // A check across fields failed: show what and ask this step again.
                for field in wizard.currentStep.fields { printProblems(field.problems) }
            default: continue
            }
        }
    }

    /// Asks one field until its answer passes the validators. Returns false at end of input.
    private func ask(fieldAt index: Int, in wizard: inout Wizard) -> Bool {
        while true {
            let field = wizard.currentStep.fields[index]
            guard let control = prompt(field) else { return false }
            var updated = field
            updated.control = control
            wizard.setControl(field.id, to: control)
            let problems = updated.validate(answers: wizard.answers)
            printProblems(problems)
            if problems.errors.isEmpty { return true }
        }
    }

    private func printProblems(_ problems: [FieldProblem]) {
        for problem in problems {
            let mark = problem.severity == .error ? glyphs.failure : glyphs.warning
            write("  \(mark) \(problem.standaloneMessage)\n")
        }
    }

    /// Prompts for one field and returns the control with the answer, nil at end of input.
    private func prompt(_ field: FormField) -> FieldControl? {
        if let note = field.note { write("  (\(note))\n") }
        switch field.control {
        case .text(var text):
            let current = text.text
            write("\(field.label)\(current.isEmpty ? "" : " [\(current)]"): ")
            guard let line = readLine() else { return nil }
            if !line.isEmpty { text.text = line }
            return .text(text)
        case .path(let path):
            let current = path.path
            write("\(field.label)\(current.isEmpty ? "" : " [\(current)]"): ")
            guard let line = readLine() else { return nil }
            return .path(line.isEmpty ? path : PathField(line, placeholder: path.field.placeholder))
        case .secret(var secret):
            guard let line = readSecret("\(field.label) (input hidden): ") else { return nil }
            if !line.isEmpty || secret.field.text.isEmpty { secret.field.text = line }
            return .secret(secret)
        case .choice(var list):
            write("\(field.label)\n")
            for (number, option) in list.options.enumerated() {
                let detail = option.detail.isEmpty ? "" : " - \(option.detail)"
                write("  \(number + 1)) \(option.title)\(detail)\n")
            }
            while true {
                write("Choose 1-\(list.options.count) [\(list.highlighted + 1)]: ")
                guard let line = readLine() else { return nil }
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty { return .choice(list) }
                if let n = Int(trimmed), list.options.indices.contains(n - 1) {
                    list.highlighted = n - 1
                    return .choice(list)
                }
                write(
                    "  \(glyphs.failure) \"\(trimmed)\" is not one of the choices. Type a number from 1 to \(list.options.count).\n"
                )
            }
        case .multiChoice(let list):
            write("\(field.label)\n")
            for (number, option) in list.options.enumerated() {
                let detail = option.detail.isEmpty ? "" : " - \(option.detail)"
                write("  \(number + 1)) \(option.title)\(detail)\n")
            }
            let current = list.options.enumerated().filter { list.chosen.contains($0.element.id) }.map {
                "\($0.offset + 1)"
            }
            while true {
                write("Choose any, separated by commas [\(current.joined(separator: ","))]: ")
                guard let line = readLine() else { return nil }
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty { return .multiChoice(list) }
                let numbers = trimmed.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
                if numbers.allSatisfy({ $0 != nil && list.options.indices.contains($0! - 1) }) {
                    let ids = Set(numbers.map { list.options[$0! - 1].id })
                    return .multiChoice(MultiChoice(list.options, chosen: ids))
                }
                write(
                    "  \(glyphs.failure) \"\(trimmed)\" is not a list of choices. Type numbers from 1 to \(list.options.count), like 1,2.\n"
                )
            }
        case .confirm(var confirm):
            while true {
                write("\(field.label)? (y/n) [\(confirm.value ? "y" : "n")]: ")
                guard let line = readLine() else { return nil }
                switch line.trimmingCharacters(in: .whitespaces).lowercased() {
                case "": return .confirm(confirm)
                case "y", "yes":
                    confirm.value = true
                    return .confirm(confirm)
                case "n", "no":
                    confirm.value = false
                    return .confirm(confirm)
                default:
                    write("  \(glyphs.failure) Answer y or n.\n")
                }
            }
        }
    }
}

/// Reading a line with echo turned off (for secrets in plain mode).
public enum TerminalEcho {
    public static func readWithoutEcho(prompt: String) -> String? {
        FileHandle.standardOutput.write(Data(prompt.utf8))
        guard isatty(STDIN_FILENO) == 1 else { return Swift.readLine(strippingNewline: true) }
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            FileHandle.standardOutput.write(Data("\n".utf8))
        }
        return Swift.readLine(strippingNewline: true)
    }
}

import Foundation

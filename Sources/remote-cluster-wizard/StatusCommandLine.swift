/// `status` command lines of the plain kind scripts run, read without ArgumentParser.
///
/// ArgumentParser builds each command's options by reflection, and in a static binary every new
/// generic type that meets makes the Swift runtime scan all of its ~9,000 conformance records:
/// about a third of the instructions of a whole `status --json` run. `status` is the command
/// scripts call thousands of times, so its common command lines are read here and everything
/// else (help, completion, an unknown or repeated option, a value that looks like an option, a
/// bad number or format, a refused combination) is left to ArgumentParser, which answers it as
/// always. It makes the `StatusSettings` directly: even making a `StatusCommand` costs four
/// such scans (see `StatusSettings`). `StatusCommandLineTests` checks that every command line
/// read here gives the settings of ArgumentParser's `StatusCommand`, and that this reader knows
/// every property of the command.
enum StatusCommandLine {
    /// The settings for `arguments` (the words after the program's name), or nil to let
    /// ArgumentParser read them.
    static func parse(_ arguments: ArraySlice<String>) -> StatusSettings? {
        guard arguments.first == "status" else { return nil }
        var words = Words()
        var rest = arguments.dropFirst()
        while let word = rest.popFirst() {
            if let equals = word.firstIndex(of: "="), word.hasPrefix("--") {
                // ArgumentParser takes `--url=` for a missing value, `--url ""` for an empty one.
                let value = String(word[word.index(after: equals)...])
                guard let option = ValueOption(String(word[..<equals])), !value.isEmpty, words.set(option, to: value)
                else { return nil }
            } else if let option = ValueOption(word) {
                guard let value = rest.popFirst(), words.set(option, to: value) else { return nil }
            } else if !words.setFlag(word) {
                return nil
            }
        }
        return words.settings()
    }

    /// The options of `status` that take a value, by the names they are given with.
    private enum ValueOption {
        case url, user, passwordFile, apiKeyFile, caFile, timeout, output, logFile

        init?(_ name: String) {
            switch name {
            case "--url": self = .url
            case "--user": self = .user
            case "--password-file": self = .passwordFile
            case "--api-key-file": self = .apiKeyFile
            case "--ca": self = .caFile
            case "--timeout": self = .timeout
            case "-o", "--output": self = .output
            case "--log-file": self = .logFile
            default: return nil
            }
        }
    }

    /// The options given, each at most once.
    private struct Words {
        var url, user, passwordFile, apiKeyFile, caFile, timeout, output, logFile: String?
        var insecure = false, watch = false, json = false, verbose = false

        /// Records a value option; false when it was given before or the value looks like an
        /// option (ArgumentParser says which value is missing).
        mutating func set(_ option: ValueOption, to value: String) -> Bool {
            guard !value.hasPrefix("-") else { return false }
            func record(_ slot: inout String?) -> Bool {
                guard slot == nil else { return false }
                slot = value
                return true
            }
            switch option {
            case .url: return record(&url)
            case .user: return record(&user)
            case .passwordFile: return record(&passwordFile)
            case .apiKeyFile: return record(&apiKeyFile)
            case .caFile: return record(&caFile)
            case .timeout: return record(&timeout)
            case .output: return record(&output)
            case .logFile: return record(&logFile)
            }
        }

        /// Records a flag; false for a word that is not one of `status`'s flags, or is repeated.
        mutating func setFlag(_ word: String) -> Bool {
            func record(_ flag: inout Bool) -> Bool {
                guard !flag else { return false }
                flag = true
                return true
            }
            switch word {
            case "--insecure": return record(&insecure)
            case "--watch": return record(&watch)
            case "--json": return record(&json)
            case "-v", "--verbose": return record(&verbose)
            default: return false
            }
        }

        /// The settings, or nil when a value does not convert or `status` refuses the
        /// combination (ArgumentParser then reports it in its own words).
        func settings() -> StatusSettings? {
            guard let url else { return nil }
            var requested: OutputFormat?
            if let output {
                guard let known = OutputFormat(rawValue: output) else { return nil }
                requested = known
            }
            var seconds = 30.0
            if let timeout {
                guard let number = Double(timeout) else { return nil }
                seconds = number
            }
            guard let format = try? OutputFormat.chosen(output: requested, json: json, offered: TableFormats.formats)
            else { return nil }
            let settings = StatusSettings(
                url: url, user: user, passwordFile: passwordFile, apiKeyFile: apiKeyFile, caFile: caFile,
                insecure: insecure, watch: watch, timeout: seconds, format: format, verbose: verbose, logFile: logFile)
            guard (try? OptionConflict.refuse(settings.conflicts)) != nil else { return nil }
            return settings
        }
    }
}

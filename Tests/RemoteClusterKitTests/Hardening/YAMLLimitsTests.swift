import Foundation
import Testing
@testable import RemoteClusterKit

/// Alias expansion ("billion laughs") and deep nesting are refused with the line, quickly,
/// before anything builds the expanded tree; ordinary anchors still work.
@Suite struct YAMLLimitsTests {
    /// Nine levels of ten aliases each: 10^9 values once expanded, from a dozen lines.
    static func laughs(indent: String = "") -> String {
        var text = indent + "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            text +=
                indent + "a\(level): &a\(level) ["
                + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
                + "]\n"
        }
        return text
    }

    @Test func aliasExpansionIsRefusedWithItsLine() throws {
        do {
            _ = try JSONValue.parseYAML(Self.laughs())
            Issue.record("expected the expansion to be refused")
        } catch {
            #expect(error.exceedsLimits)
            // Line 6 (a5) is the first whose aliases pass a million values.
            #expect(error.location == "line 6")
            #expect(
                error.description
                    == "too large to read at line 6: the document expands to more than 1000000 values (anchors and aliases repeat too much)"
            )
        }
    }

    /// An expanded alias used as a mapping key would be hashed in full by the composer.
    @Test func anAliasUsedAsAKeyIsRefusedBeforeItIsHashed() throws {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\nb0: &b0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...7 {
            for name in ["a", "b"] {
                text +=
                    "\(name)\(level): &\(name)\(level) ["
                    + Array(repeating: "*\(name)\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
            }
        }
        text += "keys: {? *a7 : 1, ? *b7 : 2}\n"
        #expect(throws: YAMLConversionError.self) { try JSONValue.parseYAML(text) }
    }

    @Test func deepNestingIsRefused() {
        let text = String(repeating: "[", count: 150) + String(repeating: "]", count: 150)
        do {
            _ = try JSONValue.parseYAML(text)
            Issue.record("expected deep nesting to be refused")
        } catch {
            #expect(error.exceedsLimits)
            #expect(error.reason == "lists and mappings are nested more than 100 levels deep")
        }
    }

    @Test func ordinaryAnchorsStillWork() throws {
        let value = try JSONValue.parseYAML("base: &b {mode: proxy}\nlogs: *b\nlist: [*b, *b]\n")
        #expect(value["logs"] == ["mode": "proxy"])
        #expect(value["list"] == [["mode": "proxy"], ["mode": "proxy"]])
    }

    @Test func limitsCountExpandedValuesExactly() throws {
        // The mapping, 2 keys, the list and its 3 values, and the alias of the list (4): 11.
        let text = "a: &l [1, 2, 3]\nb: *l\n"
        #expect(throws: Never.self) {
            try YAMLSizeCheck.check(text, limits: YAMLLimits(maximumExpandedValues: 11, maximumDepth: 5))
        }
        #expect(throws: YAMLConversionError.self) {
            try YAMLSizeCheck.check(text, limits: YAMLLimits(maximumExpandedValues: 10, maximumDepth: 5))
        }
    }

    /// The plan names the file and the line.
    @Test func aPlanWithAnAliasBombNamesTheFileAndLine() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("remotes: []\nlocal: {}\nbomb:\n" + Self.laughs(indent: "  "), to: "plan.yaml")
        do {
            _ = try Plan.load(from: URL(fileURLWithPath: path))
            Issue.record("expected the plan to be refused")
        } catch {
            let problem = try #require(error.problems.first)
            #expect(error.problems.count == 1)
            #expect(problem.field == path)
            #expect(
                problem.problem
                    == "cannot be read: the document expands to more than 1000000 values (anchors and aliases repeat too much) (line 9)"
            )
        }
    }
}

import Foundation
import ParserFuzzing
import Testing
@testable import RemoteClusterKit

/// Every input saved under `FuzzRegressions/<target>/` (crashes `make fuzz` found, and seeds)
/// goes through its fuzz target again: a crash that was fixed cannot come back unseen.
@Suite struct FuzzRegressionTests {
    static let folder = TestPaths.testsFolder.appendingPathComponent("FuzzRegressions")

    /// `(target, file)` for every saved input.
    static let inputs: [(FuzzTarget, URL)] = {
        FuzzTarget.allCases.flatMap { target in
            let directory = folder.appendingPathComponent(target.rawValue)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            return names.sorted().map { (target, directory.appendingPathComponent($0)) }
        }
    }()

    @Test func everyTargetHasSavedInputs() {
        for target in FuzzTarget.allCases {
            #expect(Self.inputs.contains { $0.0 == target }, "no saved input for \(target.rawValue)")
        }
    }

    @Test func savedInputsRunWithoutCrashing() throws {
        for (target, file) in Self.inputs {
            target.run(Array(try Data(contentsOf: file)))
        }
    }
}

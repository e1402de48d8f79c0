// Plan validation time against plan size: prints one line per size, so that growth that is
// not linear shows at a glance. `make bench` runs it with the other figures; `make benchmark` alone.
import Foundation
import RemoteClusterKit

@main
enum PlanValidationBenchmark {
    /// A plan with `count` remotes of every kind the format has, about 190 bytes each.
    /// `broken` gives every remote the same alias and a bad address, so every entry has problems.
    static func plan(remotes count: Int, broken: Bool = false) -> String {
        var text = "remotes:\n"
        text.reserveCapacity(count * 200 + 300)
        for index in 0..<count {
            if index % 2 == 0 {
                text += """
                      - alias: logs-\(broken ? 0 : index)
                        type: ech
                        proxyAddress: logs-\(index).es.example.net:\(broken ? "94430" : "9443")
                        apiKey: {encodedEnv: LOGS_\(index)_KEY}

                    """
            } else {
                text += """
                      - alias: dc-\(index)
                        type: self-managed
                        mode: sniff
                        seeds: ["10.\(index % 200).0.1:9443", "10.\(index % 200).0.2:9443"]
                        apiKey: {encodedEnv: DC_\(index)_KEY}

                    """
            }
        }
        text += """
            local:
              url: https://central.example.net:9200
              user: elastic
              passwordEnv: LOCAL_PASSWORD
              eck: {name: central, namespace: search, context: local-ctx}

            """
        return text
    }

    /// The best of `runs` timings, in seconds.
    static func seconds(_ runs: Int, _ work: () -> Void) -> Double {
        var best = Double.infinity
        for _ in 0..<runs {
            let start = ContinuousClock.now
            work()
            let elapsed = ContinuousClock.now - start
            best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        return best
    }

    static func main() {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory())
        let unlimited = PlanLimits(maximumRemotes: .max)
        print("Validation without the size limits (the time per remote must stay flat):")
        print("remotes     bytes     seconds   µs/remote   problems")
        for (count, broken) in [(1_000, false), (4_000, false), (16_000, false), (16_000, true), (40_000, false)] {
            let text = plan(remotes: count, broken: broken)
            var problems = 0
            let time = seconds(3) {
                do {
                    _ = try Plan.parse(yaml: text, folder: folder, limits: unlimited)
                } catch let error as PlanError {
                    problems = error.problems.count
                } catch {}
            }
            print(
                String(
                    format: "%7d  %8d  %10.3f  %10.1f  %9d", count, text.utf8.count, time, time / Double(count) * 1e6,
                    problems))
        }
        print("\nWith the standard limits, from a file, as every command reads a plan:")
        for count in [1_000, 5_000, 40_000] {
            let text = plan(remotes: count)
            let file = folder.appendingPathComponent("plan-benchmark-\(count).yaml")
            try? text.write(to: file, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: file) }
            var answer = ""
            let time = seconds(3) {
                do {
                    _ = try Plan.load(from: file)
                    answer = "accepted"
                } catch let error as PlanError {
                    answer = error.problems.first.map { "\($0.field): \($0.problem)" } ?? "refused"
                } catch {
                    answer = "\(error)"
                }
            }
            print(String(format: "%7d remotes, %.2f MB: %.3f s: ", count, Double(text.utf8.count) / 1e6, time) + answer)
        }
    }
}

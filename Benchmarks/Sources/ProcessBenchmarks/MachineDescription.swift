import Foundation

/// When and where the figures were taken: date, CPU, cores, memory, kernel and load average.
public enum MachineDescription {
    public static func lines(binary: String) -> [String] {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let cpu = field("model name", in: "/proc/cpuinfo") ?? "unknown CPU"
        let memory =
            field("MemTotal", in: "/proc/meminfo").flatMap { Double($0.split(separator: " ")[0]) }.map {
                "\(format($0 / 1_048_576)) GiB memory"
            } ?? "unknown memory"
        let kernel = (try? Tools.output(of: ["uname", "-sr"]))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let size =
            (try? FileManager.default.attributesOfItem(atPath: binary)[.size] as? Int).map {
                "\(format(Double($0) / 1_000_000)) MB"
            } ?? "?"
        return [
            "date: \(formatter.string(from: Date()))",
            "machine: \(cpu), \(ProcessInfo.processInfo.activeProcessorCount) cores, \(memory), \(kernel)",
            "load average at start (1, 5, 15 min): \(loadAverage())",
            "binary: \(binary) (\(size))",
        ]
    }

    /// `/proc/loadavg`'s first three numbers.
    public static func loadAverage() -> String {
        let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
        return text.split(separator: " ").prefix(3).joined(separator: ", ")
    }

    /// The shared libraries the binary loads, from ldd.
    public static func sharedLibraries(of binary: String) -> [String] {
        let output = (try? Tools.output(of: ["ldd", binary])) ?? ""
        return output.split(separator: "\n").compactMap { line in
            line.trimmingCharacters(in: .whitespaces).split(separator: " ").first.map(String.init)
        }
    }

    private static func field(_ name: String, in file: String) -> String? {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix(name) }),
            let colon = line.firstIndex(of: ":")
        else { return nil }
        return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
}

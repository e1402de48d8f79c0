// The libFuzzer entry point for the parser fuzz targets (see ParserFuzzing and `make fuzz`).
//
// Built with `-sanitize=fuzzer -DFUZZING`, `main` hands over to libFuzzer's driver, which calls
// the target named by the FUZZ_TARGET environment variable with every input. Built normally
// (as `swift build --build-tests` does, so CI compiles it), the same binary replays files:
// `fuzz-parsers TARGET FILE...`, to reproduce a crash that `make fuzz` saved.
import Foundation
import ParserFuzzing

#if FUZZING
    import CLibFuzzer
#endif

@main
enum FuzzParsers {
    static func main() {
        #if FUZZING
            fuzz()
        #else
            replay(Array(CommandLine.arguments.dropFirst()))
        #endif
    }

    static func target(named name: String?) -> FuzzTarget {
        guard let name, let target = FuzzTarget.named(name) else {
            let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")
            FileHandle.standardError.write(
                Data("usage: FUZZ_TARGET=\(names) fuzz-parsers [libFuzzer options] (fuzzing build)\n".utf8))
            FileHandle.standardError.write(Data("       fuzz-parsers \(names) FILE... (replay)\n".utf8))
            exit(2)
        }
        return target
    }

    /// Runs each file through the target and says so; a crash stops the process.
    static func replay(_ arguments: [String]) {
        let target = target(named: arguments.first)
        for path in arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
                exit(2)
            }
            target.run(Array(data))
            print("\(path): ok")
        }
    }

    #if FUZZING
        nonisolated(unsafe) static var selected: FuzzTarget = .json

        static func fuzz() {
            selected = target(named: ProcessInfo.processInfo.environment["FUZZ_TARGET"])
            var argc = CommandLine.argc
            var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
            exit(
                LLVMFuzzerRunDriver(&argc, &argv) { data, size in
                    FuzzParsers.selected.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
                    return 0
                })
        }
    #endif
}

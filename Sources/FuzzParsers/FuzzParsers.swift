// The libFuzzer entry point for the parser fuzz targets (see ParserFuzzing and `make fuzz`).
//
// Built with `-sanitize=fuzzer -DFUZZING`, libFuzzer supplies `main` and calls
// `LLVMFuzzerTestOneInput`; the target comes from the FUZZ_TARGET environment variable. Built
// normally (as `swift build --build-tests` does, so CI compiles it), the same binary replays
// files: `fuzz-parsers TARGET FILE...`, for reproducing a crash that `make fuzz` saved.
import Foundation
import ParserFuzzing

#if FUZZING
    private let selected: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget.named(name) else {
            let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
            FileHandle.standardError.write(Data("Set FUZZ_TARGET to one of: \(names)\n".utf8))
            exit(2)
        }
        return target
    }()

    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
        selected.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
        return 0
    }
#else
    @main
    enum FuzzReplay {
        static func main() {
            let arguments = Array(CommandLine.arguments.dropFirst())
            guard let name = arguments.first, let target = FuzzTarget.named(name) else {
                let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")
                FileHandle.standardError.write(Data("usage: fuzz-parsers \(names) FILE...\n".utf8))
                exit(2)
            }
            for path in arguments.dropFirst() {
                guard let data = FileManager.default.contents(atPath: path) else {
                    FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
                    exit(2)
                }
                target.run(Array(data))
                print("\(path): ok")
            }
        }
    }
#endif

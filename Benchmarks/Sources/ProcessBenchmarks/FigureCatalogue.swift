/// Every figure of the performance issue's table, in its order, with its target.
public enum FigureCatalogue {
    public static let version = FigureSpec("--version / curl --version", unit: "x", atMost: 1.2)
    public static let status = FigureSpec("status --json / curl -s _remote/info", unit: "x", atMost: 1.2)
    public static let firstFrame = FigureSpec("first complete frame after exec", unit: "ms", atMost: 60)
    public static let decode = FigureSpec("decode _remote/info with 1,000 aliases", unit: "ms", atMost: 5)
    public static let render = FigureSpec("render live status, 1,000 aliases, 200x60", unit: "ms", atMost: 2)
    public static let keyLatency = FigureSpec("key press → frame, slow poll in flight, p99", unit: "ms", atMost: 10)
    public static let idleCPU = FigureSpec("CPU on the live screen, 1 s refresh", unit: "%", atMost: 1)
    public static let statusMemory = FigureSpec("peak memory: status --json", unit: "MB", atMost: 15)
    public static let wizardMemory = FigureSpec("peak memory: wizard on the live screen", unit: "MB", atMost: 30)
    public static let demoMemory = FigureSpec("peak memory: demo with its simulator", unit: "MB", atMost: 80)
    public static let apply = FigureSpec("apply: 20 remotes / 1 remote", unit: "x", atMost: 2)
    /// The same with the simulated rolling restart taking no time: what is left is the work per remote.
    public static let applyWithoutRestart = FigureSpec(
        "apply: 20 remotes / 1 remote, restart 0 s", unit: "x", atMost: 2)
    /// The live screen refreshes every second: the target is that interval plus 200 ms.
    public static let connected = FigureSpec("settings acknowledged → CONNECTED", unit: "ms", atMost: 1200)

    public static let all = [
        version, status, firstFrame, decode, render, keyLatency, idleCPU, statusMemory, wizardMemory, demoMemory,
        apply, applyWithoutRestart, connected,
    ]

    /// Where a figure goes in the report (unknown ones last).
    public static func index(of spec: FigureSpec) -> Int { all.firstIndex(of: spec) ?? all.count }
}

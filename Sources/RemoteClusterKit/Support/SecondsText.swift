/// A duration in seconds as messages show it: `3 s`, `0.5 s`.
func formatSeconds(_ seconds: Double) -> String {
    seconds.rounded() == seconds ? "\(Int(seconds)) s" : "\(seconds) s"
}

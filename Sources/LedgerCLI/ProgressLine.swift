/// Progress on stderr for long projection runs, only when a person is watching.
enum ProgressLine {
    static func seq(label: String) -> ((Int64) -> Void)? {
        guard StandardStreams.errIsTerminal else { return nil }
        return { seq in StandardStreams.err("\(label): at seq \(seq)…\n") }
    }
}

/// A run-stopping problem: the bench's own feed must ingest cleanly, or its figures mean nothing.
struct FlushBenchFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// How one `outbox flush` runs.
package struct FlushOptions: Sendable {
    /// At most this many streams are attempted (nil: all pending).
    package var limit: Int?
    /// Print the calls that would be made; send nothing, write nothing.
    package var dryRun = false

    package init(limit: Int? = nil, dryRun: Bool = false) {
        self.limit = limit
        self.dryRun = dryRun
    }
}

/// What one projector did: for `--json` summaries and benchmarks.
package struct ProjectionStatistics: Sendable, Equatable {
    /// Events folded.
    package var events = 0
    /// Streams folded again from the log because an event arrived late (or the stream was not cached).
    package var refolds = 0
    /// Stream states written to the projection tables.
    package var streamsWritten = 0

    package init() {}
}

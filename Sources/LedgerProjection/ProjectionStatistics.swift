/// What one projection run did: for `--json` summaries and benchmarks.
package struct ProjectionStatistics: Sendable, Equatable {
    /// Events folded (every event of every stream that was folded, old ones included).
    package var events = 0
    /// Stream states written to the projection tables.
    package var streamsWritten = 0

    package init() {}
}

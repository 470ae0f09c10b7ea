/// A version of the rule that chains the log's events (`log_format` table, migration 0007).
package enum LogFormat: Int64, Sendable, CaseIterable {
    /// Chains seq, source, id and line; `recorded_at` is outside the chain. Written before migration 0007.
    case v1 = 1
    /// Chains every stored column, `recorded_at` included.
    case v2 = 2

    /// The format new events are written in.
    package static let current = LogFormat.v2
}

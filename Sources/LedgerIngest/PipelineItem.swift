import LedgerStore

/// What the parsing thread hands the writing thread for one line.
enum PipelineItem: Sendable {
    /// A valid event, with where it came from (for conflict messages).
    case entry(LogEntry, input: Int, line: Int)
    /// A rejected line; `countsAsRead` is false for unreadable input, which is not a line.
    case rejection(IngestRejection, countsAsRead: Bool)
}

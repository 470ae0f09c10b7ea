/// What the parsing thread hands the writing thread for one line.
enum PipelineItem: Sendable {
    /// A valid event: entry `index` of its chunk's `LogEntryBatch`, with where it came from (for conflict messages).
    case entry(index: Int, input: Int, line: Int)
    /// A rejected line; `countsAsRead` is false for unreadable input, which is not a line.
    case rejection(IngestRejection, countsAsRead: Bool)
}

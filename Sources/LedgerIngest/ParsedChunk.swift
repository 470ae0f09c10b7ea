import LedgerStore

/// One chunk of lines as a parse worker hands it on: the valid events packed for the writer, and one item per line
/// (and per read failure), in input order.
struct ParsedChunk: Sendable {
    var entries = LogEntryBatch()
    var items: [PipelineItem] = []
}

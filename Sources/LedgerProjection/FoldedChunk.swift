import LedgerStore

/// A chunk of whole streams folded on a worker thread, in the form the writing thread writes without further work:
/// the projection rows, already encoded, and each stream's desired outbox state, in stream order.
struct FoldedChunk: Sendable {
    var rows = ProjectionRows()
    var desired: [DesiredOutboxState] = []
    /// Events folded (the chunk's rows), for the statistics.
    var events = 0
}

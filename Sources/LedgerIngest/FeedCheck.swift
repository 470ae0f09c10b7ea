import LedgerFeed

/// Validates feeds without storing anything (`keap-ledger check`): the same framing, validation and hashing as
/// ingest, so it is also how the benchmark tells parsing time from writing time. Duplicates and conflicts need the
/// log and are not looked for.
package struct FeedCheck {
    private let batchSize: Int

    package init(batchSize: Int = 1024) {
        self.batchSize = batchSize
    }

    /// Reads every input to the end; `accepted` counts valid lines.
    package func run(inputs: [(name: String, source: any ByteSource)], observer: (any IngestObserver)? = nil) -> IngestSummary {
        let started = ContinuousClock.now
        let parse = ParseStage(inputs: inputs, chunkSize: batchSize)
        defer { parse.stop() }
        var summary = IngestSummary()
        while let chunk = parse.next() {
            for item in chunk.items {
                switch item {
                case .entry:
                    summary.read += 1
                    summary.accepted += 1
                case .rejection(let rejection, let countsAsRead):
                    if countsAsRead { summary.read += 1 }
                    summary.rejected += 1
                    observer?.rejected(rejection)
                }
            }
        }
        summary.seconds = (ContinuousClock.now - started).seconds
        return summary
    }
}

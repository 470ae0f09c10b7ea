import Foundation
import LedgerStore

/// The writing thread's bookkeeping for one ingest run: counts, seq range, rejections, progress.
struct RunState {
    let names: [String]
    let observer: (any IngestObserver)?
    var summary = IngestSummary()
    private var lastProgress = ContinuousClock.now

    init(names: [String], observer: (any IngestObserver)?) {
        self.names = names
        self.observer = observer
    }

    /// Appends every valid event of `chunk` and counts and reports the rest, in input order.
    mutating func process(_ chunk: ParsedChunk, appender: LogAppender, atomic: Bool) throws {
        for item in chunk.items { try process(item, of: chunk.entries, appender: appender, atomic: atomic) }
    }

    private mutating func process(_ item: PipelineItem, of entries: LogEntryBatch, appender: LogAppender, atomic: Bool) throws {
        switch item {
        case .rejection(let rejection, let countsAsRead):
            if countsAsRead { summary.read += 1 }
            summary.rejected += 1
            observer?.rejected(rejection)
        case .entry(let index, let input, let line):
            summary.read += 1
            switch try appender.append(entries, at: index) {
            case .stored(let seq):
                summary.accepted += 1
                if summary.firstSeq == nil { summary.firstSeq = seq }
                summary.lastSeq = seq
            case .duplicate:
                summary.duplicates += 1
            case .conflict(let storedSeq):
                summary.conflicts += 1
                summary.rejected += 1
                let earlier = (summary.firstSeq.map { storedSeq >= $0 } ?? false)
                    ? (atomic ? " (stored earlier in this run, which is not committed)" : " (stored earlier in this run)")
                    : ""
                let reason = "conflict: source \"\(entries.source(at: index))\" and id were already stored at seq \(storedSeq)\(earlier) with different content; the stored event wins (a new event needs a new id)"
                observer?.rejected(IngestRejection(
                    kind: .conflict, input: names[input], line: line, eventID: entries.id(at: index), reason: reason, bytes: entries.line(at: index)))
            }
        }
    }

    mutating func reportProgressIfDue() {
        let now = ContinuousClock.now
        if now - lastProgress >= .seconds(2) {
            lastProgress = now
            observer?.progress(summary)
        }
    }
}

import Foundation
import LedgerCore
import LedgerFeed
import LedgerStore

/// The parsing side of ingest, on its own thread: frames lines, validates them, hashes the valid ones and hands
/// batches to whoever reads `channel` (the log writer for `ingest`, a counter for `check`).
final class ParseStage: Sendable {
    /// Batches in input order; finished when every input was read.
    let channel = BoundedChannel<[PipelineItem]>(capacity: 8)
    private let done = DispatchSemaphore(value: 0)

    /// Starts the thread at once.
    init(inputs: [(name: String, source: any ByteSource)], batchSize: Int) {
        let names = inputs.map(\.name)
        let box = SendableBox(inputs.map(\.source))
        let channel = channel
        let done = done
        let thread = Thread {
            ParseStage.produce(names: names, sources: box.value, batchSize: batchSize, into: channel)
            done.signal()
        }
        thread.name = "keap-ledger-parse"
        thread.stackSize = 8 << 20  // the parser recurses at most 64 levels; room to spare
        thread.start()
    }

    /// Stops the thread (if still running) and waits for it: nothing outlives the run.
    func stop() {
        channel.cancel()
        done.wait()
    }

    /// The thread's body.
    private static func produce(names: [String], sources: [any ByteSource], batchSize: Int, into channel: BoundedChannel<[PipelineItem]>) {
        var batch: [PipelineItem] = []
        batch.reserveCapacity(batchSize)
        var cancelled = false
        func push(_ item: PipelineItem) {
            batch.append(item)
            if batch.count >= batchSize {
                if !channel.send(batch) { cancelled = true }
                batch.removeAll(keepingCapacity: true)
            }
        }
        for (index, source) in sources.enumerated() where !cancelled {
            let name = names[index]
            var lastLine = 0
            do {
                try LineFramer(source: source).forEachLine { line in
                    lastLine = line.number
                    push(prepare(line, input: index, name: name))
                    if cancelled { throw CancellationError() }
                }
            } catch let error as FeedReadError {
                let rejection = IngestRejection(
                    kind: .unreadable, input: name, line: error.line ?? lastLine + 1, eventID: nil,
                    reason: "\(error.reason); lines after this point were not read", bytes: [])
                push(.rejection(rejection, countsAsRead: false))
            } catch {
                break  // cancelled by the writer
            }
        }
        if !batch.isEmpty, !cancelled { channel.send(batch) }
        channel.finish()
    }

    private static func prepare(_ line: FeedLine, input: Int, name: String) -> PipelineItem {
        func rejection(_ violation: FeedViolation) -> PipelineItem {
            .rejection(IngestRejection(
                kind: .invalid, input: name, line: line.number, eventID: violation.eventID,
                reason: violation.description, bytes: Array(line.bytes)), countsAsRead: true)
        }
        if line.fullLength > FeedValidator.maximumLineBytes {
            let cut = line.isCut ? " (only its first \(line.bytes.count) bytes are kept in the rejects file)" : ""
            return rejection(FeedViolation(field: nil, reason: "line is \(line.fullLength) bytes long; the limit is \(FeedValidator.maximumLineBytes) bytes (1 MiB)\(cut)"))
        }
        switch FeedValidator.validate(line: line.bytes) {
        case .success(let event):
            return .entry(LogEntry(event: event, line: Array(line.bytes)), input: input, line: line.number)
        case .failure(let violation):
            return rejection(violation)
        }
    }
}

import Foundation
import LedgerCore
import LedgerFeed
import LedgerStore
import LedgerThreads

/// The parsing side of ingest. One thread frames lines into chunks and deals them round-robin to parse workers that
/// validate and hash them (`OrderedWorkers`, as many as `WorkerCount.besideOneConsumer`); the consumer (the log
/// writer for `ingest`, a counter for `check`) takes the results back in input order, so parsing uses the cores while
/// the order is kept. Every queue is bounded, which keeps memory flat whatever the feed size.
final class ParseStage {
    private let workers: OrderedWorkers<LineChunk, ParsedChunk>
    private let reader: DedicatedThread

    /// Starts the threads at once.
    init(inputs: [(name: String, source: any ByteSource)], chunkSize: Int) {
        // The parser recurses at most 64 levels: 8 MiB of stack leaves room to spare.
        let workers = OrderedWorkers<LineChunk, ParsedChunk>(
            name: "keap-ledger-parse", count: WorkerCount.besideOneConsumer, capacity: 4, stackSize: 8 << 20, transform: ParseStage.parse)
        self.workers = workers
        let names = inputs.map(\.name)
        let box = SendableBox(inputs.map(\.source))
        reader = DedicatedThread(name: "keap-ledger-read") {
            ParseStage.frame(names: names, sources: box.value, chunkSize: chunkSize, into: workers)
        }
    }

    /// The next chunk in input order, nil when every input was read.
    func next() -> ParsedChunk? {
        workers.next()
    }

    /// Blocks until `next()` would return at once (a batch, or the end), up to `timeout` (nil: as long as it takes).
    /// False when the time ran out first: the input has gone quiet (a pipe whose writer is between events).
    func waitUntilReady(timeout: Duration?) -> Bool {
        workers.waitUntilReady(timeout: timeout)
    }

    /// Stops the threads (if still running) and waits for them: nothing outlives the run.
    func stop() {
        workers.stop()
        reader.join()
    }

    /// The reading thread: frame lines into chunks and deal them out.
    private static func frame(names: [String], sources: [any ByteSource], chunkSize: Int, into workers: OrderedWorkers<LineChunk, ParsedChunk>) {
        var cancelled = false
        func deal(_ chunk: LineChunk) {
            if !workers.send(chunk) { cancelled = true }
        }
        for (index, source) in sources.enumerated() where !cancelled {
            let name = names[index]
            var chunk = LineChunk(input: index, name: name)
            var lastLine = 0
            do {
                try LineFramer(source: source).forEachLine { line in
                    lastLine = line.number
                    chunk.append(line)
                    if chunk.slots.count >= chunkSize || chunk.storage.count >= 4 << 20 {
                        deal(chunk)
                        chunk = LineChunk(input: index, name: name)
                        if cancelled { throw CancellationError() }
                    }
                }
            } catch let error as FeedReadError {
                chunk.readFailure = IngestRejection(
                    kind: .unreadable, input: name, line: error.line ?? lastLine + 1, eventID: nil,
                    reason: "\(error.reason); lines after this point were not read", bytes: [])
            } catch {
                break  // cancelled by the consumer
            }
            if !chunk.slots.isEmpty || chunk.readFailure != nil, !cancelled { deal(chunk) }
        }
        workers.finishInput()
    }

    /// A worker's job: validate and hash every line of a chunk.
    @Sendable private static func parse(_ chunk: LineChunk) -> ParsedChunk {
        var parsed = ParsedChunk()
        parsed.items.reserveCapacity(chunk.slots.count + 1)
        chunk.storage.withUnsafeBufferPointer { storage in
            for slot in chunk.slots {
                let bytes = UnsafeBufferPointer(rebasing: storage[slot.start..<(slot.start + slot.count)])
                parsed.items.append(prepare(bytes, slot: slot, input: chunk.input, name: chunk.name, into: &parsed.entries))
            }
        }
        if let failure = chunk.readFailure { parsed.items.append(.rejection(failure, countsAsRead: false)) }
        return parsed
    }

    private static func prepare(
        _ bytes: UnsafeBufferPointer<UInt8>, slot: LineChunk.Slot, input: Int, name: String, into entries: inout LogEntryBatch
    ) -> PipelineItem {
        func rejection(_ violation: FeedViolation) -> PipelineItem {
            .rejection(IngestRejection(
                kind: .invalid, input: name, line: slot.number, eventID: violation.eventID,
                reason: violation.description, bytes: Array(bytes)), countsAsRead: true)
        }
        if slot.fullLength > FeedValidator.maximumLineBytes {
            let cut = slot.fullLength > bytes.count ? " (only its first \(bytes.count) bytes are kept in the rejects file)" : ""
            return rejection(FeedViolation(field: nil, reason: "line is \(slot.fullLength) bytes long; the limit is \(FeedValidator.maximumLineBytes) bytes (1 MiB)\(cut)"))
        }
        switch FeedValidator.validate(line: bytes) {
        case .success(let event):
            return .entry(index: entries.append(event, line: bytes), input: input, line: slot.number)
        case .failure(let violation):
            return rejection(violation)
        }
    }
}

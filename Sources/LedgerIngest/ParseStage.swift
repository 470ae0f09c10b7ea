import Foundation
import LedgerCore
import LedgerFeed
import LedgerStore

/// The parsing side of ingest. One thread frames lines into chunks and deals them round-robin to two workers that
/// validate and hash them; the consumer (the log writer for `ingest`, a counter for `check`) takes the results back
/// in the same round-robin order, so input order is kept while parsing uses both cores. Every channel is bounded,
/// which keeps memory flat whatever the feed size.
///
/// Not `Sendable`: `next()` belongs to the one consuming thread.
final class ParseStage {
    /// Parsing workers. Two: the machine has two cores, and the writer needs only a fraction of one.
    static let workerCount = 2

    private let toWorkers: [BoundedChannel<LineChunk>]
    private let fromWorkers: [BoundedChannel<[PipelineItem]>]
    private let finished = DispatchSemaphore(value: 0)
    private var nextWorker = 0
    private var exhausted = false

    /// Starts the threads at once.
    init(inputs: [(name: String, source: any ByteSource)], chunkSize: Int) {
        toWorkers = (0..<ParseStage.workerCount).map { _ in BoundedChannel(capacity: 4) }
        fromWorkers = (0..<ParseStage.workerCount).map { _ in BoundedChannel(capacity: 4) }
        let names = inputs.map(\.name)
        let box = SendableBox(inputs.map(\.source))
        let toWorkers = toWorkers
        let fromWorkers = fromWorkers
        let finished = finished
        let reader = Thread {
            ParseStage.frame(names: names, sources: box.value, chunkSize: chunkSize, into: toWorkers)
            finished.signal()
        }
        reader.name = "keap-ledger-read"
        reader.start()
        for (incoming, outgoing) in zip(toWorkers, fromWorkers) {
            let worker = Thread {
                while let chunk = incoming.receive() {
                    if !outgoing.send(ParseStage.parse(chunk)) { break }
                }
                outgoing.finish()
                finished.signal()
            }
            worker.name = "keap-ledger-parse"
            worker.stackSize = 8 << 20  // the parser recurses at most 64 levels; room to spare
            worker.start()
        }
    }

    /// The next batch in input order, nil when every input was read.
    func next() -> [PipelineItem]? {
        guard !exhausted else { return nil }
        // Chunks were dealt round-robin, so when the next worker in turn has nothing more, no chunk is left anywhere.
        guard let batch = fromWorkers[nextWorker].receive() else {
            exhausted = true
            return nil
        }
        nextWorker = (nextWorker + 1) % fromWorkers.count
        return batch
    }

    /// Blocks until `next()` would return at once (a batch, or the end), up to `timeout` (nil: as long as it takes).
    /// False when the time ran out first: the input has gone quiet (a pipe whose writer is between events).
    func waitUntilReady(timeout: Duration?) -> Bool {
        exhausted || fromWorkers[nextWorker].waitUntilReady(timeout: timeout)
    }

    /// Stops the threads (if still running) and waits for them: nothing outlives the run.
    func stop() {
        for channel in toWorkers { channel.cancel() }
        for channel in fromWorkers { channel.cancel() }
        for _ in 0...ParseStage.workerCount { finished.wait() }
    }

    /// The reading thread: frame lines into chunks and deal them out.
    private static func frame(names: [String], sources: [any ByteSource], chunkSize: Int, into workers: [BoundedChannel<LineChunk>]) {
        var dealt = 0
        var cancelled = false
        func deal(_ chunk: LineChunk) {
            if !workers[dealt % workers.count].send(chunk) { cancelled = true }
            dealt += 1
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
        for worker in workers { worker.finish() }
    }

    /// A worker's job: validate and hash every line of a chunk.
    private static func parse(_ chunk: LineChunk) -> [PipelineItem] {
        var items: [PipelineItem] = []
        items.reserveCapacity(chunk.slots.count + 1)
        chunk.storage.withUnsafeBufferPointer { storage in
            for slot in chunk.slots {
                let bytes = UnsafeBufferPointer(rebasing: storage[slot.start..<(slot.start + slot.count)])
                items.append(prepare(bytes, slot: slot, input: chunk.input, name: chunk.name))
            }
        }
        if let failure = chunk.readFailure { items.append(.rejection(failure, countsAsRead: false)) }
        return items
    }

    private static func prepare(_ bytes: UnsafeBufferPointer<UInt8>, slot: LineChunk.Slot, input: Int, name: String) -> PipelineItem {
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
            return .entry(LogEntry(event: event, line: Array(bytes)), input: input, line: slot.number)
        case .failure(let violation):
            return rejection(violation)
        }
    }
}

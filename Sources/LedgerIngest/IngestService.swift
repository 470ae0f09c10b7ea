import Foundation
import LedgerCore
import LedgerFeed
import LedgerStore

/// Appends feeds to the log: one thread frames, validates and hashes lines while the calling thread writes them,
/// so parsing and SQLite use both cores; a bounded channel between them keeps memory flat.
package struct IngestService {
    private let database: LedgerDatabase
    private let clock: any LedgerClock
    /// Lines per hand-over between the threads.
    private let batchSize: Int
    /// In `skip` mode, events per write transaction (each commit is an fsync).
    private let commitEvery: Int

    package init(database: LedgerDatabase, clock: any LedgerClock = SystemClock(), batchSize: Int = 1024, commitEvery: Int = 50_000) {
        self.database = database
        self.clock = clock
        self.batchSize = batchSize
        self.commitEvery = commitEvery
    }

    /// Opens every input first, so a missing one stops the run before anything is stored (exit 66).
    package static func open(inputs: [String]) throws(FeedReadError) -> [(name: String, source: any ByteSource)] {
        var opened: [(name: String, source: any ByteSource)] = []
        for name in inputs {
            opened.append((name, try FeedInput.open(name)))
        }
        return opened
    }

    /// Ingests the opened inputs in order.
    package func run(
        inputs: [(name: String, source: any ByteSource)],
        mode: IngestMode,
        observer: (any IngestObserver)? = nil
    ) throws -> IngestSummary {
        let started = ContinuousClock.now
        let names = inputs.map(\.name)
        let channel = BoundedChannel<[PipelineItem]>(capacity: 8)
        let producerDone = DispatchSemaphore(value: 0)
        let box = SendableBox(inputs.map(\.source))
        let batchSize = batchSize
        let producer = Thread {
            IngestService.produce(names: names, sources: box.value, batchSize: batchSize, into: channel)
            producerDone.signal()
        }
        producer.name = "keap-ledger-parse"
        producer.stackSize = 8 << 20  // recursion depth is bounded (64 levels), but give the parser room
        producer.start()

        var run = RunState(names: names, observer: observer)
        defer {
            channel.cancel()
            producerDone.wait()
        }
        switch mode {
        case .atomic:
            let commit = try database.appending(clock: clock) { appender in
                while let batch = channel.receive() {
                    appender.startBatch()
                    for item in batch { try run.process(item, appender: appender, atomic: true) }
                    run.reportProgressIfDue()
                }
                return (run.summary.rejected == 0, run.summary.rejected == 0)
            }
            if !commit {
                run.summary.accepted = 0
                run.summary.firstSeq = nil
                run.summary.lastSeq = nil
            }
        case .skip:
            var drained = false
            while !drained {
                try database.appending(clock: clock) { appender in
                    var inTransaction = 0
                    while inTransaction < commitEvery {
                        guard let batch = channel.receive() else {
                            drained = true
                            break
                        }
                        appender.startBatch()
                        for item in batch { try run.process(item, appender: appender, atomic: false) }
                        inTransaction += batch.count
                        run.reportProgressIfDue()
                    }
                    return ((), true)
                }
            }
        }
        run.summary.seconds = (ContinuousClock.now - started).seconds
        return run.summary
    }

    /// The parsing thread: frame, validate, hash, batch.
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

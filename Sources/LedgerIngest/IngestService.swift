import Foundation
import LedgerCore
import LedgerFeed
import LedgerProjection
import LedgerStore

/// Appends feeds to the log. `ParseStage` runs a reader thread that frames lines into chunks and parse workers
/// (`OrderedWorkers`, two to four from the cores) that validate and hash them, while the calling thread writes the results in input order; parsing and SQLite share
/// the cores, and bounded channels between the threads keep memory flat.
package struct IngestService {
    private let database: LedgerDatabase
    private let clock: any LedgerClock
    /// Lines per hand-over between the threads.
    private let batchSize: Int
    /// In `skip` mode, how long the input may stay quiet before what was read is committed without waiting for
    /// `commitEvery` events. A file never pauses this long between chunks; a pipe between events does.
    static let quietInputCommitsAfter = Duration.seconds(1)
    /// In `skip` mode, events per write transaction (each commit is an fsync).
    private let commitEvery: Int
    /// Where the new head goes after each commit that stored events (`ingest --anchor-file`).
    private let anchorFile: AnchorFileWriter?

    /// Throws when `batchSize` or `commitEvery` is below 1 (see `IngestSettingsError`).
    package init(
        database: LedgerDatabase, clock: any LedgerClock = SystemClock(), batchSize: Int = 1024, commitEvery: Int = 50_000,
        anchorFile: AnchorFileWriter? = nil
    ) throws(IngestSettingsError) {
        guard batchSize >= 1 else { throw IngestSettingsError("batchSize must be 1 or more; found \(batchSize)") }
        guard commitEvery >= 1 else { throw IngestSettingsError("commitEvery must be 1 or more; found \(commitEvery)") }
        self.database = database
        self.clock = clock
        self.batchSize = batchSize
        self.commitEvery = commitEvery
        self.anchorFile = anchorFile
    }

    /// Opens every input first, so a missing one stops the run before anything is stored (exit 66).
    package static func open(inputs: [String]) throws(FeedReadError) -> [(name: String, source: any ByteSource)] {
        var opened: [(name: String, source: any ByteSource)] = []
        for name in inputs {
            opened.append((name, try FeedInput.open(name)))
        }
        return opened
    }

    /// Catches the projections up after the run's last commit. The run's events are stored by then, whatever happens
    /// here: a failure says so, and what repairs it, so an operator does not ingest again to be safe (which would
    /// only find duplicates) or take the error for a lost run.
    private func projectAfterCommit(_ summary: IngestSummary, checkpointingConcurrently: Bool) throws(LedgerStoreError) {
        do {
            _ = checkpointingConcurrently
                ? try database.projectCheckpointingConcurrently(clock: clock) : try database.project(clock: clock)
        } catch {
            let stored = summary.firstSeq.map { "seq \($0)–\(summary.lastSeq ?? $0)" } ?? "none new"
            throw LedgerStoreError(error.code, "\(error.message); the events this run accepted are stored (\(stored)), only the projections are behind the log: `keap-ledger project` catches them up")
        }
    }

    /// Ingests the opened inputs in order.
    package func run(
        inputs: [(name: String, source: any ByteSource)],
        mode: IngestMode,
        project: Bool = true,
        observer: (any IngestObserver)? = nil
    ) throws -> IngestSummary {
        let started = ContinuousClock.now
        let names = inputs.map(\.name)
        let parse = ParseStage(inputs: inputs, chunkSize: batchSize)
        var run = RunState(names: names, observer: observer)
        defer { parse.stop() }
        switch mode {
        case .atomic:
            var newHead: LogHead?
            let commit = try database.appending(clock: clock, checkpointAtCommit: !project) { appender in
                let headBefore = appender.lastSeq
                while let chunk = parse.next() {
                    appender.startBatch()
                    try run.process(chunk, appender: appender, atomic: true)
                    run.reportProgressIfDue()
                }
                if appender.lastSeq > headBefore { newHead = appender.head }
                return (run.summary.rejected == 0, run.summary.rejected == 0)
            }
            // Only after the commit: an anchor must never name a head the database could still roll back.
            if commit, let newHead { try anchorFile?.append(newHead) }
            // The projection is a transaction of its own after the log's commit, as in `skip` mode: its reader can
            // then read the log on a connection and thread of their own while the writing thread writes rows, and the
            // log's WAL frames are copied into the file meanwhile (200k events: 1.79 → 1.67 s, the binaries
            // alternated). A crash between the two commits leaves the projections behind the log, which the
            // checkpoint records: the next ingest, `project` or `outbox flush` folds the rest first.
            if commit, project { try projectAfterCommit(run.summary, checkpointingConcurrently: true) }
            if !commit {
                run.summary.accepted = 0
                run.summary.firstSeq = nil
                run.summary.lastSeq = nil
            }
        case .skip:
            // Projections are caught up once, after the last commit: folding at every commit folded long-lived
            // streams again each time (1M events: 53 s). A crash before the catch-up leaves them behind the log,
            // which the next projecting ingest or `project` repairs (the checkpoint says how far they are).
            var drained = false
            while !drained {
                var newHead: LogHead?
                // Input is awaited outside the write transaction: a feed from a slow pipe must not hold the log's write
                // lock (a flush, a reconcile --fix or another ingest waits for it) while nothing arrives.
                _ = parse.waitUntilReady(timeout: nil)
                try database.appending(clock: clock) { appender in
                    let headBefore = appender.lastSeq
                    var inTransaction = 0
                    while inTransaction < commitEvery {
                        // The input went quiet: commit what was read (durable now, the lock released) rather than
                        // wait inside the transaction for `commitEvery` events that may be minutes away.
                        if inTransaction > 0, !parse.waitUntilReady(timeout: Self.quietInputCommitsAfter) { break }
                        guard let chunk = parse.next() else {
                            drained = true
                            break
                        }
                        appender.startBatch()
                        try run.process(chunk, appender: appender, atomic: false)
                        inTransaction += chunk.items.count
                        run.reportProgressIfDue()
                    }
                    if appender.lastSeq > headBefore { newHead = appender.head }
                    return ((), true)
                }
                if let newHead { try anchorFile?.append(newHead) }
            }
            if project { try projectAfterCommit(run.summary, checkpointingConcurrently: false) }
        }
        run.summary.seconds = (ContinuousClock.now - started).seconds
        return run.summary
    }
}

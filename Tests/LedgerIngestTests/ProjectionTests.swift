import Foundation
import LedgerProjection
import Testing
import LedgerCore
import LedgerFeed
import LedgerSampleFeed
import LedgerStore
import LedgerTestSupport
@testable import LedgerIngest

/// Projections: the same result however the log was fed (batch sizes, arrival order, eviction), and `rebuild` equal
/// to incremental projection, byte for byte.
@Suite("Projections: rebuild equals incremental, arrival order does not matter")
struct ProjectionTests {
    /// A generated feed with plenty of late events, duplicates and incomplete orders.
    private func feed(events: Int, seed: UInt64) -> [String] {
        var configuration = SampleFeedConfiguration(events: events, seed: seed)
        configuration.lateRate = 0.15
        configuration.duplicateRate = 0.05
        configuration.incompleteRate = 0.05
        var generator = SampleFeedGenerator(configuration: configuration)
        var lines: [String] = []
        while let line = generator.nextLine() { lines.append(String(decoding: line, as: UTF8.self)) }
        return lines
    }

    /// Ingests `lines` in runs of random sizes (each its own ingest, skip mode, random commit sizes).
    private func ingestInRandomBatches(
        _ lines: [String], into database: LedgerDatabase, using generator: inout some RandomNumberGenerator
    ) throws {
        var start = 0
        while start < lines.count {
            let end = min(lines.count, start + Int.random(in: 1...400, using: &generator))
            let text = lines[start..<end].joined(separator: "\n") + "\n"
            let service = try IngestService(
                database: database, clock: FixedClock(), batchSize: Int.random(in: 1...64, using: &generator),
                commitEvery: Int.random(in: 1...200, using: &generator)
            )
            let summary = try service.run(inputs: [("feed", InMemoryByteSource(text))], mode: .skip)
            #expect(summary.rejected == 0)
            start = end
        }
    }

    @Test func rebuildIsByteIdenticalToIncrementalProjection() throws {
        // Given a feed with late events and duplicates, ingested in random batch sizes (so streams are folded
        // again and their rows replaced many times)
        let lines = feed(events: 3000, seed: 11)
        let database = try LedgerDatabase()
        var generator = SplitMix64(seed: 5)
        try ingestInRandomBatches(lines, into: database, using: &generator)
        let incremental = try ProjectionDump.dump(database)
        #expect(incremental.contains("## orders\n\"ORD-"))
        #expect(incremental.contains("\"|0|NULL|NULL|NULL|NULL|"), "the feed should hold incomplete orders")
        // When the projections are rebuilt from the log
        let statistics = try database.rebuild()
        // Then every row is the same, and the checkpoint is the log head
        #expect(try ProjectionDump.dump(database) == incremental)
        #expect(statistics.events == (try LogStatistics.read(database).lastSeq))
        // And catching up from scratch (the path ingest takes) gives the same too
        _ = try database.rebuild()
        try database.writer.write { db in try ProjectionWriter(db: db).clearAll() }
        _ = try database.project()
        #expect(try ProjectionDump.dump(database) == incremental)
    }

    /// A file ledger's `rebuild` and first `project` read the log on a connection and thread of their own while the
    /// writing thread writes (`StreamRefolder.LogReading.concurrently`); the in-memory ledgers above read on the
    /// writer. Both must give the same rows and the same desired outbox states as incremental projection.
    @Test func aRebuildReadingOnItsOwnConnectionWritesWhatIncrementalProjectionWrote() throws {
        let lines = feed(events: 3000, seed: 13)
        let directory = try TemporaryDirectory()
        // Given a file ledger projected incrementally, in random batches
        let database = try LedgerDatabase(path: directory.path("ledger.sqlite"))
        var generator = SplitMix64(seed: 6)
        try ingestInRandomBatches(lines, into: database, using: &generator)
        let incremental = try ProjectionDump.dump(database)
        let incrementalOutbox = try desiredOutbox(database)
        #expect(incrementalOutbox.count > 500)
        // When its projections are rebuilt
        let statistics = try database.rebuild()
        // Then the rows, the checkpoint and the desired outbox states are the same, every event was folded, and the
        // writing connection's page cache is back to its configured size
        #expect(try ProjectionDump.dump(database) == incremental)
        #expect(try desiredOutbox(database) == incrementalOutbox)
        #expect(statistics.events == (try LogStatistics.read(database).lastSeq))
        #expect(try database.writer.write { db in try Int.fetchOne(db, sql: "PRAGMA cache_size") } == -65536)
        // And a second file ledger ingested without projection and then caught up (a rebuild inside `project`)
        // holds the same
        let deferred = try LedgerDatabase(path: directory.path("deferred.sqlite"))
        let text = lines.joined(separator: "\n") + "\n"
        _ = try IngestService(database: deferred, clock: FixedClock()).run(inputs: [("feed", InMemoryByteSource(text))], mode: .skip, project: false)
        _ = try deferred.project()
        #expect(try ProjectionDump.dump(deferred) == incremental)
        // (the desired version aside: a stream folded again without a change keeps the version it had)
        #expect(try desiredOutbox(deferred, withVersions: false) == (try desiredOutbox(database, withVersions: false)))
    }

    /// Each outbox stream's desired state: what the projector decided to send.
    private func desiredOutbox(_ database: LedgerDatabase, withVersions: Bool = true) throws -> [String] {
        let version = withVersions ? "desired_version" : "'-'"
        return try database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT stream || '|' || ready || '|' || hex(desired_hash) || '|' || \(version) || '|' || status FROM outbox_stream ORDER BY stream")
        }
    }

    @Test func ingestWithoutProjectionThenProjectEqualsIngestWithProjection() throws {
        let lines = feed(events: 1500, seed: 12)
        let text = lines.joined(separator: "\n") + "\n"
        // Given one ledger projected during ingest, and one projected afterwards
        let projected = try LedgerDatabase()
        _ = try IngestService(database: projected, clock: FixedClock()).run(inputs: [("feed", InMemoryByteSource(text))], mode: .atomic)
        let deferred = try LedgerDatabase()
        _ = try IngestService(database: deferred, clock: FixedClock()).run(inputs: [("feed", InMemoryByteSource(text))], mode: .atomic, project: false)
        #expect(try deferred.projectionLag().checkpoint == 0)
        // When the second catches up, twice
        let first = try deferred.project()
        let second = try deferred.project()
        // Then both hold the same rows; the second catch-up had nothing to do
        #expect(try ProjectionDump.dump(deferred) == (try ProjectionDump.dump(projected)))
        #expect(first.events == (try LogStatistics.read(deferred).lastSeq))
        #expect(second.events == 0 && second.streamsWritten == 0)
    }

    @Test func aProjectingAtomicIngestIntoAFileCommitsTheLogThenProjectsItAndCopiesBothIntoTheFile() throws {
        let lines = feed(events: 3000, seed: 14)
        let first = lines[..<2000].joined(separator: "\n") + "\n"
        let second = lines[2000...].joined(separator: "\n") + "\n"
        let directory = try TemporaryDirectory()
        let path = directory.path("ledger.sqlite")
        let file = try LedgerDatabase(path: path)
        // An in-memory ledger has one connection: it reads for its projection on the writer, the file ledger on a
        // reader of its own after the log's commit, while its WAL frames are checkpointed on a third connection.
        let memory = try LedgerDatabase()
        for text in [first, second] {
            // When each part is ingested atomically, projecting (the second into streams the first began)
            for database in [file, memory] {
                let summary = try IngestService(database: database, clock: FixedClock()).run(inputs: [("feed", InMemoryByteSource(text))], mode: .atomic)
                #expect(summary.rejected == 0 && summary.accepted > 0)
            }
            // Then the projections stand at the log's head, hold what the in-memory ledger's hold, and every page of
            // both commits is in the database file itself (checkpointed before the ingest returned)
            let lag = try file.projectionLag()
            let head = try LogStatistics.read(file).lastSeq
            #expect(lag.checkpoint == lag.head && lag.head == head)
            #expect(try ProjectionDump.dump(file) == (try ProjectionDump.dump(memory)))
            #expect(try desiredOutbox(file) == (try desiredOutbox(memory)))
            let pages = try file.writer.read { db in try Int.fetchOne(db, sql: "SELECT page_count * page_size FROM pragma_page_count, pragma_page_size") }
            let bytes = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int
            #expect(bytes == pages)
        }
    }

    @Test(arguments: [IngestMode.atomic, .skip])
    func aProjectionThatFailsAfterTheEventsCommittedSaysTheyAreStored(mode: IngestMode) throws {
        let directory = try TemporaryDirectory()
        let database = try LedgerDatabase(path: directory.path("ledger.sqlite"))
        // Given a ledger whose projection cannot be written (a table dropped behind its back)
        try database.writer.write { db in try db.execute(sql: "DROP TABLE orders") }
        // When an order's first events are ingested, projecting
        let text = FeedLines.feed(FeedLines.orderPlaced(id: "e1"), FeedLines.payment(id: "e2", order: "O-1"))
        var message = ""
        do {
            _ = try IngestService(database: database, clock: FixedClock()).run(inputs: [("feed", InMemoryByteSource(text))], mode: mode)
            Issue.record("the ingest did not report the failed projection")
        } catch {
            message = "\(error)"
        }
        // Then the error names the failure, says the events are stored and what catches the projections up
        #expect(message.contains("no such table: orders"), "\(message)")
        #expect(message.contains("the events this run accepted are stored (seq 1–2)"), "\(message)")
        #expect(message.contains("`keap-ledger project` catches them up"), "\(message)")
        // And they are: in the log, with the projections behind it
        let lag = try database.projectionLag()
        #expect(lag.head == 2 && lag.checkpoint == 0)
    }

    @Test func aRolledBackAtomicIngestLeavesNoProjectionBehind() throws {
        // Given a ledger with one order, and a feed whose last line is bad
        let database = try LedgerDatabase()
        let good = FeedLines.feed(FeedLines.orderPlaced(id: "e1"))
        _ = try IngestService(database: database, clock: FixedClock()).run(inputs: [("a", InMemoryByteSource(good))], mode: .atomic)
        let before = try ProjectionDump.dump(database)
        let bad = FeedLines.feed(FeedLines.payment(id: "e2", order: "O-1"), "not json")
        // When it is ingested atomically (rejected)
        let summary = try IngestService(database: database, clock: FixedClock()).run(inputs: [("b", InMemoryByteSource(bad))], mode: .atomic)
        // Then the projections are exactly as before
        #expect(summary.rejected == 1)
        #expect(try ProjectionDump.dump(database) == before)
    }

    /// Columns that record arrival (seq) rather than business facts: they differ between arrival orders on purpose.
    private static let arrivalColumns: Set<String> = ["seq", "first_seq", "last_seq"]

    @Test(arguments: [21, 22, 23] as [UInt64])
    func arrivalOrderDoesNotChangeTheProjections(seed: UInt64) throws {
        // Given generated streams whose events have distinct occurred_at within each stream
        var seen = Set<String>()
        var ids = Set<String>()
        var lines: [String] = []
        for line in feed(events: 1200, seed: 30) {
            let event = try Array(line.utf8).withUnsafeBufferPointer { FeedValidator.validate(line: $0) }.get()
            // Keep the first delivery of each id and the first event at each (stream, instant).
            guard ids.insert(event.id).inserted, seen.insert(event.stream + "@" + event.occurredAt.utcText).inserted else { continue }
            lines.append(line)
        }
        let reference = try LedgerDatabase()
        _ = try IngestService(database: reference, clock: FixedClock()).run(inputs: [("feed", InMemoryByteSource(lines.joined(separator: "\n") + "\n"))], mode: .atomic)
        let expected = try ProjectionDump.dump(reference, excluding: Self.arrivalColumns)
        // When they arrive shuffled, in random batches
        var generator = SplitMix64(seed: seed)
        let shuffled = lines.shuffled(using: &generator)
        #expect(shuffled != lines)
        let database = try LedgerDatabase()
        try ingestInRandomBatches(shuffled, into: database, using: &generator)
        // Then every projection row is the same, apart from the seq numbers that record arrival
        #expect(try ProjectionDump.dump(database, excluding: Self.arrivalColumns) == expected)
    }
}

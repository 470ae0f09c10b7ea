import Foundation
import GRDB
import Testing
import LedgerCore
import LedgerTestSupport
@testable import LedgerStore

@Suite("Log format: version 2 for new logs, version-1 logs sealed and still verified")
struct LogFormatTests {
    /// The first event of `versionOneLedger`, and its format-1 chain hash computed independently (Python's hashlib
    /// over the format-1 encoding): pins the format-1 rule, so old logs keep verifying whatever changes around it.
    private static let firstLine = FeedLines.customer(id: "e1", ref: "C-1")
    private static let firstChainV1 = "3f1ffefc70eb54f1d510980c18c826c2acd1dee8d042cc1b5ce313170365969c"
    /// `firstLine` as the first event of a new ledger at `FixedClock()`, and its format-2 chain hash computed
    /// independently (Python's hashlib over the layout in the README's `chain_hash` row; that script matched a hash
    /// the writer stored before its hashing was restructured): pins the format-2 rule the same way.
    private static let firstChainV2 = "c0751e0610e30aae10aabcf787a51047055d906a371ceddcdac12ccf6f71fb0b"

    /// A database file as keap-ledger wrote it before log format 2: migrations 0001–0005 only, and events stored the
    /// way `LogAppender` stored them then (format-1 chain hashes, recorded_at from the clock, the head record).
    private func versionOneLedger(at path: String, events: Int) throws {
        let queue = try DatabaseQueue(path: path)
        try migrate(queue, through: 5)
        #expect(try queue.read { db in try db.tableExists("log_format") } == false)
        try queue.write { db in
            var previous = EventHashes.genesis
            for seq in Int64(1)...Int64(events) {
                let line = seq == 1 ? Self.firstLine : FeedLines.customer(id: "e\(seq)", ref: "C-\(seq)")
                let stored = try entry(line)
                let chain = EventHashes.chainV1(previous: previous, seq: seq, source: stored.source, id: stored.id, line: stored.line)
                try db.execute(sql: """
                    INSERT INTO event (seq, source, id, type, stream, occurred_at, recorded_at, v, line, content_hash, chain_hash)
                    VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [stored.source, stored.id, stored.type, stored.stream, stored.occurredAtUTC,
                                     "2026-11-2\(seq)T08:00:00.000000000Z", stored.version, Data(stored.line),
                                     Data(stored.contentHash), Data(chain)])
                previous = chain
            }
            try db.execute(sql: "UPDATE log_head SET last_seq = ?, chain_hash = ?", arguments: [events, Data(previous)])
        }
    }

    @Test func theFormatOneRuleIsUnchanged() throws {
        let stored = try entry(Self.firstLine)
        let chain = EventHashes.chainV1(previous: EventHashes.genesis, seq: 1, source: stored.source, id: stored.id, line: stored.line)
        #expect(EventHashes.hex(chain) == Self.firstChainV1)
    }

    @Test func theFormatTwoRuleIsUnchanged() throws {
        let database = try LedgerDatabase()
        _ = try append([Self.firstLine], to: database, clock: FixedClock())
        let stored = try database.writer.read { db in try Data.fetchOne(db, sql: "SELECT chain_hash FROM event WHERE seq = 1") }
        #expect(stored.map { EventHashes.hex([UInt8]($0)) } == Self.firstChainV2)
        #expect(try LogVerifier(database: database).verify().isIntact)
    }

    @Test func aNewLedgerIsFormatTwoFromTheFirstEvent() throws {
        let database = try LedgerDatabase()
        let segments = try database.writer.read { db in try LogFormatSegment.readAll(db) }
        #expect(segments == [LogFormatSegment(format: .v2, version: 2, firstSeq: 1, previousChainHash: EventHashes.genesis)])
        _ = try append([FeedLines.customer(id: "e1")], to: database)
        let report = try LogVerifier(database: database).verify()
        #expect(report.isIntact)
        #expect(report.formatVersion == 2)
        #expect(report.version1LastSeq == nil)
    }

    @Test func aVersionOneLedgerIsSealedAtItsHeadAndKeepsVerifying() throws {
        // Given a database written by keap-ledger before log format 2, holding three events
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("ledger.sqlite")
        try versionOneLedger(at: path, events: 3)
        // When this keap-ledger opens it (migration 0007 runs)
        let database = try LedgerDatabase(path: path)
        // Then events 1–3 stay format 1, sealed by the format-1 head, and the log verifies as it did
        let head = try database.writer.read { db in try Data.fetchOne(db, sql: "SELECT chain_hash FROM log_head") }
        let segments = try database.writer.read { db in try LogFormatSegment.readAll(db) }
        #expect(segments == [
            LogFormatSegment(format: .v1, version: 1, firstSeq: 1, previousChainHash: EventHashes.genesis),
            LogFormatSegment(format: .v2, version: 2, firstSeq: 4, previousChainHash: [UInt8](try #require(head))),
        ])
        let before = try LogVerifier(database: database).verify()
        #expect(before.isIntact, "\(before.problem ?? "")")
        #expect(before.events == 3)
        #expect(before.version1LastSeq == 3)
        #expect(before.headHash == EventHashes.hex([UInt8](try #require(head))))

        // When more events are appended
        _ = try append([FeedLines.customer(id: "e4", ref: "C-4"), FeedLines.customer(id: "e5", ref: "C-5")], to: database, clock: FixedClock("2026-11-26T08:00:00Z"))
        // Then they are format 2, chained on from the format-1 head, and the whole log verifies
        let after = try LogVerifier(database: database).verify()
        #expect(after.isIntact, "\(after.problem ?? "")")
        #expect(after.events == 5)
        #expect(after.version1LastSeq == 3)
        // And a moved recorded_at on a format-2 event is caught even in order
        try database.writer.write { db in
            try db.execute(sql: "DROP TRIGGER event_no_update; DROP TRIGGER event_no_delete; DROP TRIGGER log_format_no_update")
        }
        try database.writer.write { db in try db.execute(sql: "UPDATE event SET recorded_at = '2026-11-27T08:00:00.000000000Z' WHERE seq = 5") }
        #expect(try LogVerifier(database: database).verify().firstBadSeq == 5)
    }

    @Test func aFormatOneEventEditedAfterTheSealIsCaught() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("ledger.sqlite")
        try versionOneLedger(at: path, events: 3)
        let database = try LedgerDatabase(path: path)
        _ = try append([FeedLines.customer(id: "e4", ref: "C-4")], to: database, clock: FixedClock("2026-11-26T08:00:00Z"))
        try database.writer.write { db in
            try db.execute(sql: "DROP TRIGGER event_no_update")
            try db.execute(sql: "UPDATE event SET line = CAST(replace(CAST(line AS TEXT), 'ada', 'eve') AS BLOB) WHERE seq = 2")
        }
        #expect(try LogVerifier(database: database).verify().firstBadSeq == 2)
    }

    @Test func formatOneEventsCutBeforeTheFirstFormatTwoEventAreCaughtByTheSeal() throws {
        // Given a sealed format-1 log of three events, with nothing appended since
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("ledger.sqlite")
        try versionOneLedger(at: path, events: 3)
        let database = try LedgerDatabase(path: path)
        // When its last event is deleted and the head rewritten to match
        try database.writer.write { db in
            try db.execute(sql: """
                DROP TRIGGER event_no_delete;
                DELETE FROM event WHERE seq = 3;
                UPDATE log_head SET last_seq = 2, chain_hash = (SELECT chain_hash FROM event WHERE seq = 2)
                """)
        }
        // Then the seal, which recorded the format-1 head, names the cut
        let report = try LogVerifier(database: database).verify()
        #expect(report.firstBadSeq == 3)
        #expect(report.problem?.contains("sealed into log format 2 after seq 3") == true, "\(report.problem ?? "")")
    }

    @Test func theWriterRefusesALogWhoseNewestFormatIsNotTheOneItWrites() throws {
        let database = try LedgerDatabase()
        try database.writer.write { db in
            try db.execute(sql: "DROP TRIGGER log_format_no_delete; DELETE FROM log_format")
        }
        #expect(throws: LedgerStoreError.self) { try append([FeedLines.customer(id: "e1")], to: database) }
    }
}

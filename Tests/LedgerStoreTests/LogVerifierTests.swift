import Foundation
import GRDB
import Testing
import LedgerTestSupport
@testable import LedgerStore

@Suite("verify: tamper evidence")
struct LogVerifierTests {
    /// A ledger of five events whose append-only triggers were then dropped, as someone with another SQLite client could.
    private func tamperableLedger() throws -> LedgerDatabase {
        let database = try LedgerDatabase()
        _ = try append((1...5).map { FeedLines.customer(id: "e\($0)", ref: "C-\($0)") }, to: database)
        try dropTriggers(database)
        return database
    }

    private func dropTriggers(_ database: LedgerDatabase) throws {
        try database.writer.write { db in
            try db.execute(sql: """
                DROP TRIGGER event_no_update; DROP TRIGGER event_no_delete;
                DROP TRIGGER log_format_no_update; DROP TRIGGER log_format_no_delete
                """)
        }
    }

    /// Five events recorded an hour apart, one transaction each, triggers dropped: every stored time can be moved a
    /// minute either way and stay in order.
    private func ledgerRecordedHourly() throws -> LedgerDatabase {
        let database = try LedgerDatabase()
        for seq in 1...5 {
            _ = try append([FeedLines.customer(id: "e\(seq)", ref: "C-\(seq)")], to: database, clock: FixedClock("2026-11-23T0\(seq):00:00Z"))
        }
        try dropTriggers(database)
        return database
    }

    /// What an attacker with the database and this code can do: recompute every chain hash and the head, so the log
    /// is self-consistent again. Only an anchor kept elsewhere can tell.
    private func rechainEverything(_ database: LedgerDatabase) throws {
        try database.writer.write { db in
            var previous = EventHashes.genesis
            var lastSeq: Int64 = 0
            for row in try Row.fetchAll(db, sql: "SELECT * FROM event ORDER BY seq") {
                let fields = ChainedFields(
                    seq: row["seq"], source: row["source"], id: row["id"], type: row["type"], stream: row["stream"],
                    occurredAt: row["occurred_at"], recordedAt: row["recorded_at"], version: row["v"],
                    line: [UInt8](row["line"] as Data), contentHash: [UInt8](row["content_hash"] as Data)
                )
                previous = EventHashes.chainV2(previous: previous, fields: fields)
                lastSeq = fields.seq
                try db.execute(sql: "UPDATE event SET chain_hash = ? WHERE seq = ?", arguments: [Data(previous), lastSeq])
            }
            try db.execute(sql: "UPDATE log_head SET last_seq = ?, chain_hash = ?", arguments: [lastSeq, Data(previous)])
        }
    }

    private func anchor(_ seq: Int64, in database: LedgerDatabase, origin: String = "anchors.txt:1") throws -> Anchor {
        let hash = try database.writer.read { db in try Data.fetchOne(db, sql: "SELECT chain_hash FROM event WHERE seq = ?", arguments: [seq]) }
        return Anchor(seq: seq, chainHash: [UInt8](try #require(hash)), origin: origin)
    }

    @Test(arguments: Array(Int64(1)...5))
    func movingEitherStoredTimeOfAnyEventEvenInOrderIsCaught(seq: Int64) throws {
        for (column, moved) in [("recorded_at", "2026-11-23T0\(seq):01:00.000000000Z"), ("recorded_at", "2026-11-23T0\(seq - 1):59:00.000000000Z"),
                                ("occurred_at", "2026-11-20T14:00:01.000000000Z")] {
            // Given a ledger whose times are an hour apart
            let database = try ledgerRecordedHourly()
            // When one event's time moves a minute, keeping every order the log checks
            try database.writer.write { db in try db.execute(sql: "UPDATE event SET \(column) = ? WHERE seq = ?", arguments: [moved, seq]) }
            // Then verify names that event
            let report = try LogVerifier(database: database).verify()
            #expect(report.firstBadSeq == seq, "\(column) of seq \(seq) moved to \(moved) went unnoticed: \(report.problem ?? "intact")")
        }
    }

    @Test func aCutTailWithARewrittenHeadIsCaughtByAnAnchorTakenBefore() throws {
        // Given an anchor at the head, taken while the log had five events
        let database = try tamperableLedger()
        let head = try anchor(5, in: database)
        #expect(try LogVerifier(database: database).verify(anchors: [head]).anchors.map(\.result) == [.held])
        // When the last two events are deleted and log_head is rewritten to the new last event
        try database.writer.write { db in
            try db.execute(sql: """
                DELETE FROM event WHERE seq > 3;
                UPDATE log_head SET last_seq = 3, chain_hash = (SELECT chain_hash FROM event WHERE seq = 3)
                """)
        }
        // Then the log alone looks intact, but the anchor proves the cut
        #expect(try LogVerifier(database: database).verify().isIntact)
        let report = try LogVerifier(database: database).verify(anchors: [anchor(2, in: database, origin: "--anchor"), head])
        #expect(report.firstBadSeq == 4)
        #expect(report.anchors.map(\.result) == [.held, .missing])
        #expect(report.problem?.contains("anchors.txt:1 names seq 5, but the log ends at seq 3") == true, "\(report.problem ?? "")")
    }

    @Test func aRewrittenPrefixWithEveryHashRecomputedIsCaughtByAnAnchor() throws {
        // Given anchors at seq 1 and 4
        let database = try ledgerRecordedHourly()
        let anchors = try [anchor(1, in: database), anchor(4, in: database, origin: "anchors.txt:2")]
        // When recorded_at of seq 3 moves and the whole chain and head are recomputed
        try database.writer.write { db in try db.execute(sql: "UPDATE event SET recorded_at = '2026-11-23T03:30:00.000000000Z' WHERE seq = 3") }
        try rechainEverything(database)
        // Then only the anchors catch it, at the first anchor after the rewrite, naming the one that still held
        #expect(try LogVerifier(database: database).verify().isIntact)
        let report = try LogVerifier(database: database).verify(anchors: anchors)
        #expect(report.firstBadSeq == 4)
        #expect(report.anchors.map(\.result) == [.held, .differs])
        #expect(report.problem?.contains("the anchor from anchors.txt:2 says") == true)
        #expect(report.problem?.contains("at or before seq 4 and after seq 1") == true, "\(report.problem ?? "")")
    }

    @Test func anchorsBeyondEarlierDamageAreReportedAsNotReached() throws {
        let database = try tamperableLedger()
        let last = try anchor(5, in: database)
        try database.writer.write { try $0.execute(sql: "DELETE FROM event WHERE seq = 2") }
        let report = try LogVerifier(database: database).verify(anchors: [last])
        #expect(report.firstBadSeq == 2)
        #expect(report.anchors.map(\.result) == [.notReached])
    }

    @Test func intactLogPasses() throws {
        let database = try LedgerDatabase()
        _ = try append((1...5).map { FeedLines.customer(id: "e\($0)") }, to: database)
        let report = try LogVerifier(database: database).verify()
        #expect(report.isIntact)
        #expect(report.events == 5)
        #expect(report.headHash.count == 64)
        #expect(report.warnings.isEmpty)
    }

    @Test func droppedTriggersAreWarnedAbout() throws {
        let report = try LogVerifier(database: tamperableLedger()).verify()
        #expect(report.isIntact)
        #expect(report.warnings.count == 4)
    }

    @Test(arguments: [
        ("UPDATE event SET line = CAST(replace(CAST(line AS TEXT), 'ada', 'eve') AS BLOB) WHERE seq = 3", Int64(3)),
        ("UPDATE event SET line = CAST(replace(CAST(line AS TEXT), 'C-3', 'C-9') AS BLOB), content_hash = content_hash WHERE seq = 3", 3),
        ("UPDATE event SET occurred_at = '2020-01-01T00:00:00.000000000Z' WHERE seq = 2", 2),
        ("UPDATE event SET recorded_at = '2020-01-01T00:00:00.000000000Z' WHERE seq = 4", 4),
        ("UPDATE event SET chain_hash = zeroblob(32) WHERE seq = 5", 5),
        ("DELETE FROM event WHERE seq = 2", 2),
        ("DELETE FROM event WHERE seq = 5", 5),
        ("UPDATE event SET seq = 6 WHERE seq = 5", 5),
        ("UPDATE log_head SET last_seq = 4", 5),
        // Moves that keep recorded_at in order: outside the chain in log format 1, caught by format 2's chain
        ("UPDATE event SET recorded_at = '2026-11-24T00:00:00.000000000Z' WHERE seq = 5", 5),
        ("UPDATE event SET recorded_at = '2026-11-22T00:00:00.000000000Z' WHERE seq = 1", 1),
        ("DELETE FROM log_format", 1),
        ("UPDATE log_format SET first_seq = 3, previous_chain_hash = (SELECT chain_hash FROM event WHERE seq = 2)", 1),
    ])
    func damageIsFoundAtTheFirstBadSeq(sql: String, firstBad: Int64) throws {
        let database = try tamperableLedger()
        try database.writer.write { try $0.execute(sql: sql) }
        let report = try LogVerifier(database: database).verify()
        #expect(!report.isIntact, "\(sql) went unnoticed")
        #expect(report.firstBadSeq == firstBad, "\(report.problem ?? "")")
    }

    @Test func rewritingALineWithItsOwnContentHashStillBreaksTheChain() throws {
        // Given an attacker who edits a line and recomputes its content hash, but not every later chain hash
        let database = try tamperableLedger()
        let forged = try entry(FeedLines.customer(id: "e3", ref: "C-3", email: "mallory@example.com"))
        try database.writer.write { db in
            try db.execute(sql: "UPDATE event SET line = ?, content_hash = ? WHERE seq = 3",
                           arguments: [Data(forged.line), Data(forged.contentHash)])
        }
        let report = try LogVerifier(database: database).verify()
        #expect(report.firstBadSeq == 3)
        #expect(report.problem?.contains("chain hash") == true)
    }

    @Test func exportReturnsTheStoredBytesInSeqOrder() throws {
        let database = try LedgerDatabase()
        let lines = ["{\"id\":\"b\",  \"type\":\"order.cancelled\",\"occurred_at\":\"2026-11-20T14:00:00Z\",\"data\":{\"order_ref\":\"O\"}}", FeedLines.customer(id: "a")]
        _ = try append(lines, to: database)
        var exported: [String] = []
        let count = try LogExporter(database: database).export { exported.append(String(decoding: $0, as: UTF8.self)) }
        #expect(count == 2)
        #expect(exported == lines)
        var after: [String] = []
        try LogExporter(database: database).export(afterSeq: 1) { after.append(String(decoding: $0, as: UTF8.self)) }
        #expect(after == [lines[1]])
    }
}

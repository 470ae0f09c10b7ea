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
        try database.writer.write { db in
            try db.execute(sql: "DROP TRIGGER event_no_update; DROP TRIGGER event_no_delete")
        }
        return database
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
        #expect(report.warnings.count == 2)
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

import Foundation
import GRDB
import Testing
import LedgerCore
import LedgerTestSupport
@testable import LedgerStore

/// Packs feed lines as ingest's parse workers do (test input must be valid).
func entries(_ lines: [String]) throws -> LogEntryBatch {
    var batch = LogEntryBatch()
    for line in lines {
        let bytes = Array(line.utf8)
        try bytes.withUnsafeBufferPointer { bytes in
            batch.append(try FeedValidator.validate(line: bytes).get(), line: bytes)
        }
    }
    return batch
}

/// One valid feed line's fields as the writer binds them, read back from its packed batch.
struct EntryFields {
    let source: String
    let id: String
    let type: String
    let stream: String
    let occurredAtUTC: String
    let version: Int64
    let line: [UInt8]
    let contentHash: [UInt8]
}

func entry(_ line: String) throws -> EntryFields {
    let batch = try entries([line])
    let entry = batch.entries[0]
    func bytes(_ range: Range<Int>) -> [UInt8] { Array(batch.bytes[range]) }
    func text(_ range: Range<Int>) -> String { String(decoding: bytes(range), as: UTF8.self) }
    return EntryFields(
        source: text(entry.source), id: text(entry.id), type: text(entry.type), stream: text(entry.stream),
        occurredAtUTC: text(entry.occurredAt), version: entry.version, line: bytes(entry.line), contentHash: bytes(entry.contentHash))
}

/// Appends lines in one transaction and returns the outcomes.
func append(_ lines: [String], to database: LedgerDatabase, clock: any LedgerClock = FixedClock()) throws -> [AppendOutcome] {
    let batch = try entries(lines)
    return try database.appending(clock: clock) { appender in
        (try (0..<batch.count).map { try appender.append(batch, at: $0) }, true)
    }
}

@Suite("Appending to the log")
struct LogAppenderTests {
    @Test func assignsGapFreeSeqAndKeepsTheBytes() throws {
        let database = try LedgerDatabase()
        let lines = [FeedLines.customer(id: "e1"), "{ \"id\":\"e2\", \"type\":\"order.cancelled\",\"occurred_at\":\"2026-11-20T16:00:00+02:00\",\"data\":{\"order_ref\":\"O\"} }"]
        #expect(try append(lines, to: database) == [.stored(seq: 1), .stored(seq: 2)])
        let rows = try database.writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM event ORDER BY seq") }
        #expect(rows.map { $0["seq"] as Int64 } == [1, 2])
        #expect(String(decoding: rows[1]["line"] as Data, as: UTF8.self) == lines[1])
        #expect(rows[1]["occurred_at"] as String == "2026-11-20T14:00:00.000000000Z")
        #expect(rows[1]["source"] as String == "default")
        #expect(rows[1]["stream"] as String == "order/O")
        #expect(rows[0]["recorded_at"] as String == "2026-11-23T08:00:00.000000000Z")
    }

    @Test func sameValueIsADuplicateDifferentValueIsAConflict() throws {
        let database = try LedgerDatabase()
        _ = try append([#"{"id":"e1","type":"order.cancelled","occurred_at":"2026-11-20T14:00:00Z","data":{"order_ref":"O","reason":"x"}}"#], to: database)
        let reordered = #"{"data":{"reason":"x","order_ref":"O"},  "occurred_at":"2026-11-20T14:00:00Z","type":"order.cancelled","id":"e1","v":1}"#
        let changed = #"{"id":"e1","type":"order.cancelled","occurred_at":"2026-11-20T14:00:00Z","data":{"order_ref":"O","reason":"y"}}"#
        #expect(try append([reordered, changed], to: database) == [.duplicate(storedSeq: 1), .conflict(storedSeq: 1)])
        let count = try database.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM event") }
        #expect(count == 1)
    }

    @Test func sameIdFromAnotherSourceIsAnotherEvent() throws {
        let database = try LedgerDatabase()
        let outcomes = try append([FeedLines.customer(id: "e1", source: "a"), FeedLines.customer(id: "e1", source: "b")], to: database)
        #expect(outcomes == [.stored(seq: 1), .stored(seq: 2)])
    }

    @Test func triggersRefuseUpdateAndDelete() throws {
        let database = try LedgerDatabase()
        _ = try append([FeedLines.customer(id: "e1")], to: database)
        #expect(throws: DatabaseError.self) { try database.writer.write { try $0.execute(sql: "UPDATE event SET id = 'x'") } }
        #expect(throws: DatabaseError.self) { try database.writer.write { try $0.execute(sql: "DELETE FROM event") } }
    }

    @Test func recordedAtNeverGoesBackWhenTheClockDoes() throws {
        let database = try LedgerDatabase()
        _ = try append([FeedLines.customer(id: "e1")], to: database, clock: FixedClock("2026-11-23T08:00:00Z"))
        _ = try append([FeedLines.customer(id: "e2")], to: database, clock: FixedClock("2026-11-22T08:00:00Z"))
        let times = try database.writer.read { db in try String.fetchAll(db, sql: "SELECT recorded_at FROM event ORDER BY seq") }
        #expect(times == ["2026-11-23T08:00:00.000000000Z", "2026-11-23T08:00:00.000000000Z"])
    }

    @Test func rolledBackRunLeavesNoTrace() throws {
        let database = try LedgerDatabase()
        let batch = try entries([FeedLines.customer(id: "e1")])
        try database.appending(clock: FixedClock()) { appender in
            _ = try appender.append(batch, at: 0)
            return ((), false)
        }
        #expect(try LogStatistics.read(database).lastSeq == 0)
        #expect(try append([FeedLines.customer(id: "e1")], to: database) == [.stored(seq: 1)])
    }
}

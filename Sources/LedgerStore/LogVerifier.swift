import Foundation
import GRDB
import LedgerCore

/// Re-reads the whole log and proves it intact: gap-free seq, every content and chain hash, every derived column,
/// `recorded_at` never going back, and the head record matching the last event. Works on a log whose triggers were
/// dropped, because it trusts nothing but the stored bytes.
package struct LogVerifier {
    private let database: LedgerDatabase

    package init(database: LedgerDatabase) {
        self.database = database
    }

    /// Checks every event; stops at the first damage. `progress` is called now and then with the events checked.
    package func verify(progress: (Int64) -> Void = { _ in }) throws(LedgerStoreError) -> VerificationReport {
        do {
            return try database.writer.read { db in try verify(db, progress: progress) }
        } catch {
            throw LedgerStoreError.wrapping(error, doing: "verifying the log")
        }
    }

    private func verify(_ db: Database, progress: (Int64) -> Void) throws -> VerificationReport {
        var report = VerificationReport()
        let triggers = try Set(String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'event'"))
        for name in ["event_no_update", "event_no_delete"] where !triggers.contains(name) {
            report.warnings.append("trigger \(name) is missing: someone altered the schema with another SQLite client")
        }
        var expectedSeq: Int64 = 1
        var previousChain = EventHashes.genesis
        var previousRecordedAt = ""
        let rows = try Row.fetchCursor(db, sql: """
            SELECT seq, source, id, type, stream, occurred_at, recorded_at, v, line, content_hash, chain_hash
            FROM event ORDER BY seq
            """)
        func damage(_ seq: Int64, _ problem: String) -> VerificationReport {
            var damaged = report
            damaged.firstBadSeq = seq
            damaged.problem = problem
            return damaged
        }
        while let row = try rows.next() {
            let seq: Int64 = row["seq"]
            guard seq == expectedSeq else {
                return damage(expectedSeq, seq > expectedSeq
                    ? "events \(expectedSeq)…\(seq - 1) are missing (the sequence jumps from \(expectedSeq - 1) to \(seq))"
                    : "sequence number \(seq) is out of order")
            }
            let line = [UInt8](row["line"] as Data)
            let storedChain = [UInt8](row["chain_hash"] as Data)
            let source: String = row["source"]
            let id: String = row["id"]
            let validation = line.withUnsafeBufferPointer { FeedValidator.validate(line: $0) }
            guard case .success(let event) = validation else {
                return damage(seq, "the stored line no longer parses as a valid event: it was edited")
            }
            if EventHashes.content(event.canonicalBytes) != [UInt8](row["content_hash"] as Data) {
                return damage(seq, "content hash does not match the stored line: the line or its hash was edited")
            }
            let derivedColumnsMatch = event.source == source && event.id == id && event.type.rawValue == row["type"]
                && event.stream == row["stream"] && event.occurredAt.utcText == row["occurred_at"]
                && Int64(event.version) == row["v"]
            if !derivedColumnsMatch {
                return damage(seq, "the columns (source, id, type, stream, occurred_at, v) do not match the stored line: they were edited")
            }
            let chain = EventHashes.chain(previous: previousChain, seq: seq, source: source, id: id, line: line)
            if chain != storedChain {
                return damage(seq, "chain hash does not match: this event or one before it was edited, removed or reordered")
            }
            let recordedAt: String = row["recorded_at"]
            if recordedAt < previousRecordedAt {
                return damage(seq, "recorded_at \(recordedAt) is earlier than the previous event's \(previousRecordedAt): it was edited")
            }
            previousRecordedAt = recordedAt
            previousChain = chain
            report.events += 1
            report.lastSeq = seq
            expectedSeq += 1
            if seq % 100_000 == 0 { progress(seq) }
        }
        report.headHash = EventHashes.hex(previousChain)
        guard let head = try Row.fetchOne(db, sql: "SELECT last_seq, chain_hash FROM log_head WHERE singleton = 1") else {
            return damage(expectedSeq, "the log_head record is missing")
        }
        let headSeq: Int64 = head["last_seq"]
        if headSeq != report.lastSeq || [UInt8](head["chain_hash"] as Data) != previousChain {
            return damage(
                headSeq > report.lastSeq ? report.lastSeq + 1 : headSeq + 1,
                headSeq > report.lastSeq
                    ? "events \(report.lastSeq + 1)…\(headSeq) were removed from the end of the log (the head record says \(headSeq))"
                    : "the head record (seq \(headSeq)) does not match the log (last seq \(report.lastSeq)): it was edited"
            )
        }
        return report
    }
}

import Foundation
import GRDB
import LedgerCore

/// Re-reads the whole log and proves it intact: gap-free seq, every content and chain hash (each event by the rule of
/// its log format), every derived column, `recorded_at` never going back, the format seals, the head record matching
/// the last event, and every anchor given. Works on a log whose triggers were dropped, because it trusts nothing but
/// the stored bytes (and the anchors, which live outside the database).
package struct LogVerifier {
    private let database: LedgerDatabase

    package init(database: LedgerDatabase) {
        self.database = database
    }

    /// Checks every event and anchor; stops at the first damage. `progress` is called now and then with the events
    /// checked.
    package func verify(anchors: [Anchor] = [], progress: (Int64) -> Void = { _ in }) throws(LedgerStoreError) -> VerificationReport {
        do {
            return try database.writer.read { db in try verify(db, anchors: anchors, progress: progress) }
        } catch {
            throw LedgerStoreError.wrapping(error, doing: "verifying the log")
        }
    }

    private func verify(_ db: Database, anchors: [Anchor], progress: (Int64) -> Void) throws -> VerificationReport {
        var report = VerificationReport()
        report.anchors = anchors.map { AnchorCheck(anchor: $0, result: .notReached) }
        var anchorsBySeq: [Int64: [Int]] = [:]
        for (index, anchor) in anchors.enumerated() { anchorsBySeq[anchor.seq, default: []].append(index) }
        func damage(_ seq: Int64, _ problem: String) -> VerificationReport {
            var damaged = report
            damaged.firstBadSeq = seq
            damaged.problem = problem
            return damaged
        }

        let triggers = try Set(String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('event', 'log_format')"))
        for name in ["event_no_update", "event_no_delete", "log_format_no_update", "log_format_no_delete"] where !triggers.contains(name) {
            report.warnings.append("trigger \(name) is missing: someone altered the schema with another SQLite client")
        }
        let segments = try LogFormatSegment.readAll(db)
        if let problem = LogVerifier.formatProblem(segments) { return damage(1, problem) }

        var segmentIndex = 0
        var expectedSeq: Int64 = 1
        var previousChain = EventHashes.genesis
        var previousRecordedAt = ""
        var lastHeldAnchorSeq: Int64 = 0
        let rows = try Row.fetchCursor(db, sql: """
            SELECT seq, source, id, type, stream, occurred_at, recorded_at, v, line, content_hash, chain_hash
            FROM event ORDER BY seq
            """)
        while let row = try rows.next() {
            let seq: Int64 = row["seq"]
            guard seq == expectedSeq else {
                return damage(expectedSeq, seq > expectedSeq
                    ? "events \(expectedSeq)…\(seq - 1) are missing (the sequence jumps from \(expectedSeq - 1) to \(seq))"
                    : "sequence number \(seq) is out of order")
            }
            if segmentIndex + 1 < segments.count, seq == segments[segmentIndex + 1].firstSeq {
                segmentIndex += 1
                let seal = segments[segmentIndex]
                guard seal.previousChainHash == previousChain else {
                    return damage(seq, """
                        log format \(seal.version) begins at seq \(seq) and sealed seq \(seq - 1) with chain hash \
                        \(EventHashes.hex(seal.previousChainHash)), but the log's chain there is \(EventHashes.hex(previousChain)): \
                        an event before the seal was changed, or the seal was
                        """)
                }
            }
            let format = segments[segmentIndex].format ?? LogFormat.current
            let line = [UInt8](row["line"] as Data)
            let storedChain = [UInt8](row["chain_hash"] as Data)
            let contentHash = [UInt8](row["content_hash"] as Data)
            let source: String = row["source"]
            let id: String = row["id"]
            let validation = line.withUnsafeBufferPointer { FeedValidator.validate(line: $0) }
            guard case .success(let event) = validation else {
                return damage(seq, "the stored line no longer parses as a valid event: it was edited")
            }
            if EventHashes.content(event.canonicalBytes) != contentHash {
                return damage(seq, "content hash does not match the stored line: the line or its hash was edited")
            }
            let derivedColumnsMatch = event.source == source && event.id == id && event.type.rawValue == row["type"]
                && event.stream == row["stream"] && event.occurredAt.utcText == row["occurred_at"]
                && Int64(event.version) == row["v"]
            if !derivedColumnsMatch {
                return damage(seq, "the columns (source, id, type, stream, occurred_at, v) do not match the stored line: they were edited")
            }
            let recordedAt: String = row["recorded_at"]
            let chain: [UInt8]
            switch format {
            case .v1:
                chain = EventHashes.chainV1(previous: previousChain, seq: seq, source: source, id: id, line: line)
            case .v2:
                let fields = ChainedFields(
                    seq: seq, source: source, id: id, type: row["type"], stream: row["stream"], occurredAt: row["occurred_at"],
                    recordedAt: recordedAt, version: row["v"], line: line, contentHash: contentHash
                )
                chain = EventHashes.chainV2(previous: previousChain, fields: fields)
            }
            if chain != storedChain {
                return damage(seq, format == .v1
                    ? "chain hash does not match (log format 1): this event or one before it was edited, removed or reordered"
                    : "chain hash does not match: a column of this event (recorded_at and occurred_at included), or an event before it, was edited, removed or reordered")
            }
            if recordedAt < previousRecordedAt {
                return damage(seq, "recorded_at \(recordedAt) is earlier than the previous event's \(previousRecordedAt): it was edited")
            }
            if let indexes = anchorsBySeq[seq] {
                for index in indexes { report.anchors[index].result = report.anchors[index].anchor.chainHash == chain ? .held : .differs }
                if let index = indexes.first(where: { report.anchors[$0].result == .differs }) {
                    let anchor = report.anchors[index].anchor
                    let since = lastHeldAnchorSeq > 0 ? " and after seq \(lastHeldAnchorSeq), where an anchor held" : ""
                    return damage(seq, """
                        event \(seq)'s chain hash is \(EventHashes.hex(chain)), but the anchor from \(anchor.origin) says \
                        \(anchor.hashText): the log was rewritten at or before seq \(seq)\(since)
                        """)
                }
                lastHeldAnchorSeq = seq
            }
            previousRecordedAt = recordedAt
            previousChain = chain
            report.events += 1
            report.lastSeq = seq
            expectedSeq += 1
            if seq % 100_000 == 0 { progress(seq) }
        }
        report.headHash = EventHashes.hex(previousChain)
        if segments[0].format == .v1, report.lastSeq > 0 {
            report.version1LastSeq = min(report.lastSeq, (segments.count > 1 ? segments[1].firstSeq : Int64.max) - 1)
        }
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
        if let seal = segments.last(where: { $0.firstSeq > report.lastSeq + 1 }) {
            return damage(report.lastSeq + 1, """
                the log was sealed into log format \(seal.version) after seq \(seal.firstSeq - 1), but it ends at seq \
                \(report.lastSeq): events \(report.lastSeq + 1)…\(seal.firstSeq - 1) were removed from the end
                """)
        }
        if let beyond = report.anchors.indices.filter({ report.anchors[$0].anchor.seq > report.lastSeq })
            .max(by: { report.anchors[$0].anchor.seq < report.anchors[$1].anchor.seq }) {
            for index in report.anchors.indices where report.anchors[index].anchor.seq > report.lastSeq {
                report.anchors[index].result = .missing
            }
            let anchor = report.anchors[beyond].anchor
            return damage(report.lastSeq + 1, """
                the anchor from \(anchor.origin) names seq \(anchor.seq), but the log ends at seq \(report.lastSeq): \
                events \(report.lastSeq + 1)…\(anchor.seq) were removed from the end and log_head rewritten to match
                """)
        }
        return report
    }

    /// Why the `log_format` rows cannot describe a log, nil when they can: they must start at seq 1 from the genesis
    /// hash, name known versions in increasing order, and end with the format this keap-ledger writes.
    private static func formatProblem(_ segments: [LogFormatSegment]) -> String? {
        guard let first = segments.first else {
            return "the log_format table is empty: nothing says how the events are chained; it was edited with another SQLite client"
        }
        if let unknown = segments.first(where: { $0.format == nil }) {
            return "log_format names version \(unknown.version), which this keap-ledger does not know: upgrade keap-ledger, or the table was edited"
        }
        if first.firstSeq != 1 || first.previousChainHash != EventHashes.genesis {
            return "the first log_format row (version \(first.version)) starts at seq \(first.firstSeq) instead of seq 1 from the zero hash: the table was edited"
        }
        for (earlier, later) in zip(segments, segments.dropFirst()) where later.version <= earlier.version {
            return "log_format goes from version \(earlier.version) back to version \(later.version) at seq \(later.firstSeq): the table was edited"
        }
        if segments.last?.format != LogFormat.current {
            return "the newest log_format row is version \(segments.last!.version), not \(LogFormat.current.rawValue): the table was edited"
        }
        return nil
    }
}

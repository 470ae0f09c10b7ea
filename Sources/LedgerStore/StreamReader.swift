import Foundation
import GRDB
import LedgerCore

/// Reads one stream's events in fold order `(occurred_at, seq)` for point-in-time queries and history: the
/// `event_by_stream (stream, seq)` index finds them in seq order, and `sortIntoFoldOrder` (the projector's rule too)
/// orders them.
package struct StreamReader {
    private let statement: Statement

    /// Prepares (cached per connection) the stream query on `db`.
    package init(db: Database) throws {
        statement = try db.cachedStatement(sql: """
            SELECT seq, recorded_at, line FROM event INDEXED BY event_by_stream
            WHERE stream = ?1 AND occurred_at <= ?2 AND recorded_at <= ?3 AND seq <= ?4
            ORDER BY stream, seq
            """)
    }

    /// The events of `stream` that `selection` takes, decoded, in fold order.
    package func events(stream: String, _ selection: StreamSelection = .everything) throws -> [LedgerEvent] {
        // Fixed-width UTC text compares like the instants; "~" sorts after every digit, so it means "no bound".
        statement.setUncheckedArguments([
            stream,
            selection.occurredBy?.utcText ?? "~",
            selection.recordedBy?.utcText ?? "~",
            selection.throughSeq ?? Int64.max,
        ])
        var events: [LedgerEvent] = []
        let cursor = try Row.fetchCursor(statement)
        while let row = try cursor.next() {
            let seq: Int64 = row[0]
            let recordedAt: String = row[1]
            let event = try row.withUnsafeData(atIndex: 2) { data in
                try (data ?? Data()).withUnsafeBytes { raw in
                    try StoredEvent.decode(seq: seq, recordedAtUTC: recordedAt, line: raw.bindMemory(to: UInt8.self))
                }
            }
            events.append(event)
        }
        events.sortIntoFoldOrder()
        return events
    }
}

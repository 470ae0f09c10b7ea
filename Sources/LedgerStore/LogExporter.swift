import Foundation
import GRDB

/// Streams stored lines, byte for byte, in sequence order, from one consistent snapshot of the log.
package struct LogExporter {
    private let database: LedgerDatabase

    package init(database: LedgerDatabase) {
        self.database = database
    }

    /// Whether `line` must be followed by CRLF rather than LF in NDJSON. A stored line ends in CR when the feed sent a
    /// lone CR there (the last line of a file without a line end, or `…\r\r\n`); followed by a bare LF it would read
    /// back as a CRLF line end and lose that CR, so it gets a CRLF of its own, and reading the export by the feed
    /// contract gives back every stored byte.
    package static func needsCRLF(after line: UnsafeRawBufferPointer) -> Bool {
        line.last == 0x0D
    }

    /// Calls `write` with each stored line (without line end) after `afterSeq`; returns how many were written.
    @discardableResult
    package func export(afterSeq: Int64 = 0, write: (UnsafeRawBufferPointer) throws -> Void) throws -> Int64 {
        try database.writer.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT line FROM event WHERE seq > ? ORDER BY seq", arguments: [afterSeq])
            var count: Int64 = 0
            while let row = try rows.next() {
                // Read the blob in place: no copy per line.
                try row.withUnsafeData(atIndex: 0) { blob in
                    try (blob ?? Data()).withUnsafeBytes { try write($0) }
                }
                count += 1
            }
            return count
        }
    }
}

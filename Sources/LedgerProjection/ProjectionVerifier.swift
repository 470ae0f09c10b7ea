import Foundation
import GRDB
import LedgerCore
import LedgerStore

/// `verify --projections`: are the stored projections and the outbox's desired states what the log folds to? Works
/// on a snapshot copy (`VACUUM INTO`), so the live ledger is neither locked nor changed: the copy is first caught up
/// with its log (`project`, as any command does), its projection rows and desired states are set aside, it is rebuilt
/// from the log, and the two are compared table by table. The copy is deleted afterwards.
package enum ProjectionVerifier {
    /// The outbox columns the projector derives (what Keap last confirmed is the flush's, not a projection).
    private static let outboxColumns = "stream, kind, ref, ready, desired_hash, desired_version"

    /// nil when they agree; otherwise the first difference, in words (table, row, stored or derived).
    package static func firstDifference(in database: LedgerDatabase, scratchDirectory: String) throws(LedgerStoreError) -> String? {
        let path = URL(fileURLWithPath: scratchDirectory).appendingPathComponent(".keap-ledger-verify-\(getpid()).sqlite").path
        LedgerBackup.removeDatabaseFiles(path)
        defer { LedgerBackup.removeDatabaseFiles(path) }
        try LedgerBackup.snapshot(of: database, to: path, what: "the copy that verify --projections rebuilds")
        let copy = try LedgerDatabase(path: path)
        defer { try? copy.close() }
        _ = try copy.project()
        let sources = ProjectionWriter.tables.map { (name: $0, select: "SELECT * FROM \($0)") }
            + [(name: "outbox_stream", select: "SELECT \(outboxColumns) FROM outbox_stream")]
        try copy.writingStore("setting the stored projections aside") { db in
            for source in sources {
                try db.execute(sql: "CREATE TABLE verify_stored_\(source.name) AS \(source.select)")
            }
        }
        _ = try copy.rebuild()
        return try copy.readingStore("comparing the stored projections with a rebuild") { db in
            for source in sources {
                if let row = try Row.fetchOne(db, sql: "SELECT * FROM verify_stored_\(source.name) EXCEPT \(source.select) LIMIT 1") {
                    return "\(source.name): the stored row \(describe(row)) is not what the log folds to"
                }
                if let row = try Row.fetchOne(db, sql: "\(source.select) EXCEPT SELECT * FROM verify_stored_\(source.name) LIMIT 1") {
                    return "\(source.name): the log folds to the row \(describe(row)), which is not stored"
                }
            }
            return nil
        }
    }

    private static func describe(_ row: Row) -> String {
        "(" + row.columnNames.map { name in
            let value: DatabaseValue = row[name]
            if case .blob(let data) = value.storage { return "\(name)=x'\(HexDigits.lowercase(data))'" }
            return "\(name)=\(value.description)"
        }.joined(separator: ", ") + ")"
    }
}

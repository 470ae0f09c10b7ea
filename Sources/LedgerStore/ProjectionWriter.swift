import GRDB
import GRDBSQLite
import LedgerCore

/// Writes encoded projection rows (`ProjectionRows`) into the projection tables (see
/// `Migrations/sql/0002_projections.sql`) inside the caller's write transaction.
package final class ProjectionWriter {
    private let db: Database
    /// Each statement prepared once per writer and held: finding GRDB's cached statement by its SQL text hashed a
    /// few hundred bytes per projection row on the writing thread, which bounds `rebuild`.
    private var held: [Statement?] = Array(repeating: nil, count: ProjectionStatement.allCases.count)

    package init(db: Database) {
        self.db = db
    }

    /// Runs every statement of `rows`, in order. Text is bound without a copy (`SQLITE_STATIC`: the bytes stay
    /// valid for the whole call), and every held statement's bindings are cleared before returning, so none keeps
    /// a pointer into `rows`.
    package func write(_ rows: ProjectionRows) throws {
        defer {
            for statement in held {
                if let statement { sqlite3_clear_bindings(statement.sqliteStatement) }
            }
        }
        try rows.text.withUnsafeBufferPointer { text in
            try rows.cells.withUnsafeBufferPointer { cells in
                var cellStart = 0
                for operation in rows.operations {
                    let statement = try self.statement(operation.statement)
                    let sqlite = statement.sqliteStatement
                    var index: Int32 = 0
                    for cell in cells[cellStart..<operation.cellEnd] {
                        index += 1
                        switch cell {
                        case .null:
                            sqlite3_bind_null(sqlite, index)
                        case .integer(let value):
                            sqlite3_bind_int64(sqlite, index, value)
                        case .text(let offset, let count):
                            StaticBinding.text(sqlite, index, UnsafeBufferPointer(rebasing: text[offset..<(offset + count)]))
                        }
                    }
                    cellStart = operation.cellEnd
                    let code = sqlite3_step(sqlite)
                    sqlite3_reset(sqlite)
                    guard code == SQLITE_DONE else {
                        throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: statement.sql)
                    }
                }
            }
        }
    }

    /// The held statement for `key`, prepared the first time.
    private func statement(_ key: ProjectionStatement) throws -> Statement {
        if let statement = held[key.rawValue] { return statement }
        let statement = try db.makeStatement(sql: key.sql)
        held[key.rawValue] = statement
        return statement
    }

    /// Empties every projection table and resets the checkpoint (rebuild).
    package func clearAll() throws {
        for table in ProjectionWriter.tables {
            try db.execute(sql: "DELETE FROM \(table)")
        }
        try setCheckpoint(0)
    }

    /// Every projection table, for `clearAll`, dumps and tests.
    package static let tables = [
        "orders", "order_lines", "shipments", "shipment_lines", "payments", "refunds",
        "customers", "products", "subscriptions", "subscription_orders", "anomalies",
    ]

    package static func checkpoint(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT last_seq FROM projection_checkpoint WHERE singleton = 1") ?? 0
    }

    package func setCheckpoint(_ seq: Int64) throws {
        try db.execute(sql: "UPDATE projection_checkpoint SET last_seq = ? WHERE singleton = 1", arguments: [seq])
    }
}

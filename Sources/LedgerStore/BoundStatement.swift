import GRDB
import GRDBSQLite
import LedgerCore

/// Binds values positionally through the SQLite C API and steps a cached statement: GRDB's `StatementArguments` box
/// every value, which costs more than the insert itself for the many small projection rows.
/// Text is bound with `SQLITE_TRANSIENT` (SQLite copies it), so no buffer has to outlive the call.
struct BoundStatement {
    private let statement: Statement
    private var index: Int32 = 0

    init(_ statement: Statement) {
        self.statement = statement
        sqlite3_reset(statement.sqliteStatement)
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    mutating func bind(_ value: Int64?) {
        index += 1
        if let value {
            sqlite3_bind_int64(statement.sqliteStatement, index, value)
        } else {
            sqlite3_bind_null(statement.sqliteStatement, index)
        }
    }

    mutating func bind(_ value: Int) { bind(Int64(value)) }

    mutating func bind(_ value: Bool) { bind(Int64(value ? 1 : 0)) }

    mutating func bind(_ value: String?) {
        index += 1
        guard var value else {
            sqlite3_bind_null(statement.sqliteStatement, index)
            return
        }
        value.withUTF8 { bytes in
            let pointer = bytes.baseAddress.map { UnsafeRawPointer($0) } ?? UnsafeRawPointer(bitPattern: 1)!
            sqlite3_bind_text(statement.sqliteStatement, index, pointer.assumingMemoryBound(to: CChar.self), Int32(bytes.count), BoundStatement.transient)
        }
    }

    mutating func bind(_ value: Timestamp?) { bind(value?.utcText) }

    /// Runs the statement once with the bound values, then clears them for the next row.
    func execute() throws {
        let sqlite = statement.sqliteStatement
        let code = sqlite3_step(sqlite)
        sqlite3_reset(sqlite)
        sqlite3_clear_bindings(sqlite)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(sqlite))), sql: statement.sql)
        }
    }
}

import GRDB

extension LedgerStoreError {
    /// Classifies an error from GRDB/SQLite: busy and locked are temporary (exit 75), the rest is I/O (exit 74).
    package static func wrapping(_ error: any Error, doing action: String) -> LedgerStoreError {
        if let storeError = error as? LedgerStoreError { return storeError }
        guard let databaseError = error as? DatabaseError else {
            return LedgerStoreError(.io, "\(action) failed: \(error)")
        }
        switch databaseError.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return LedgerStoreError(.busy, "\(action) failed: the database is busy (another keap-ledger is writing); try again later or raise --busy-timeout")
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return LedgerStoreError(.incompatible, "\(action) failed: the file is not a readable ledger database (\(databaseError.message ?? "corrupt"))")
        default:
            return LedgerStoreError(.io, "\(action) failed: \(databaseError.message ?? databaseError.description)")
        }
    }
}

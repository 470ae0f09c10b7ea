import GRDBSQLite

/// Binds bytes to a prepared statement without a copy (`SQLITE_STATIC`): the caller keeps them alive until the step
/// and clears or rebinds afterwards. The writers on hot paths (the log appender, the projection and outbox writers)
/// bind this way instead of through GRDB's boxed arguments.
enum StaticBinding {
    /// A non-null pointer even for empty bytes: SQLite reads a NULL pointer as NULL, where '' (or an empty blob) is
    /// meant.
    private static func pointer(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeRawPointer {
        bytes.baseAddress.map { UnsafeRawPointer($0) } ?? UnsafeRawPointer(bitPattern: 1)!
    }

    static func text(_ statement: OpaquePointer?, _ index: Int32, _ text: UnsafeBufferPointer<UInt8>) {
        sqlite3_bind_text(statement, index, pointer(text).assumingMemoryBound(to: CChar.self), Int32(text.count), nil)
    }

    static func blob(_ statement: OpaquePointer?, _ index: Int32, _ bytes: UnsafeBufferPointer<UInt8>) {
        sqlite3_bind_blob(statement, index, pointer(bytes), Int32(bytes.count), nil)
    }
}

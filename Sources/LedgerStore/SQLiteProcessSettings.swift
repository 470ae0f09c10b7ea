import CSQLiteProcess

/// SQLite's process-wide settings, applied once, before the first connection of the process opens: every
/// `LedgerDatabase` reads `applied` first.
///
/// Only one today: no memory statistics (see `keap_sqlite_disable_memory_statistics`). Measured in session 11 on
/// 200k events (`perf record`): the mutex they take around every allocation was about 3.5 % of a `--no-project`
/// ingest's samples, most of them the writing thread's.
package enum SQLiteProcessSettings {
    /// SQLite's result code: `SQLITE_OK` when the settings took effect; `SQLITE_MISUSE` when SQLite was already in
    /// use in this process (its default stays, which is slower, never wrong).
    package static let applied: Int32 = keap_sqlite_disable_memory_statistics()
}

#include <sqlite3.h>

/// Turns SQLite's memory statistics off for the process. With them on (the default), every `sqlite3_malloc` and
/// `sqlite3_free` takes one process-wide mutex, which the writing thread, the log's reader and the checkpoint thread
/// all contend for; nothing in the ledger reads the statistics. SQLite accepts this only before its first use in the
/// process (else SQLITE_MISUSE, and the default stays: slower, never wrong). `sqlite3_config` is variadic, which
/// Swift cannot call, hence C. (The per-connection mutex is already off: GRDB opens every connection with
/// SQLITE_OPEN_NOMUTEX.)
static inline int keap_sqlite_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

import Foundation
import GRDB

/// How far another process's ingest has got, read from its ledger file: the highest committed `seq`. WAL mode lets
/// this reader in while the writer works, and it sees only committed transactions, so a crash test can kill an
/// ingest once it has committed a chosen number of events (a signal from the process) rather than after a guessed
/// sleep that a fast or slow machine turns into "before the first commit" or "after the last".
package final class CommitWatch {
    private let path: String
    private var queue: DatabaseQueue?

    package init(path: String) {
        self.path = path
    }

    /// The highest committed seq; 0 while the file or its log does not exist yet.
    package func committed() -> Int {
        if queue == nil, FileManager.default.fileExists(atPath: path) {
            var configuration = Configuration()
            configuration.readonly = true
            queue = try? DatabaseQueue(path: path, configuration: configuration)
        }
        guard let queue else { return 0 }
        return (try? queue.read { db in try Int.fetchOne(db, sql: "SELECT coalesce(max(seq), 0) FROM event") }) ?? 0 ?? 0
    }

    /// Waits until at least `target` events are committed while `process` runs. True when the target was reached
    /// with the process still running; false when it ended first.
    ///
    /// Polling, every 2 ms, is the right tool here, not a stopgap: SQLite has no cross-process commit notification,
    /// and the ingest gives no per-commit signal a test could block on (`--progress` prints every two seconds, not
    /// per commit; `--anchor-file` fsyncs each line, which a pipe refuses with EINVAL, so it cannot be a FIFO). A
    /// commit is an fsync, longer than 2 ms, so the poll sees each one; and it reads the committed state itself,
    /// which is the thing the crash tests care about.
    package func wait(for target: Int, while process: Process) -> Bool {
        while process.isRunning {
            if committed() >= target { return true }
            usleep(2_000)
        }
        return false
    }
}

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
    /// with the process still running; false when it ended first. Polls every 2 ms: SQLite has no cross-process
    /// notification, and a commit (an fsync) takes longer than that.
    package func wait(for target: Int, while process: Process) -> Bool {
        while process.isRunning {
            if committed() >= target { return true }
            usleep(2_000)
        }
        return false
    }
}

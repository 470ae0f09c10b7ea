import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LedgerStore

/// One flush per database at a time (spec/keap-sync.md rule 6): an exclusive `flock` on `<database>.flush-lock`.
/// The kernel releases it when the process ends, however it ends, so a killed flush never leaves it stuck.
package final class FlushLock: Sendable {
    private let descriptor: Int32

    /// Takes the lock or throws `.busy` at once (a second flush must not wait behind the first: cron would pile up).
    /// A lock file that cannot be opened (a missing folder, no permission, a directory in its place) is not "busy":
    /// trying again will not help, so it is an I/O error of the database (exit 74) naming the path and the reason.
    package init(databasePath: String) throws(SyncFailure) {
        let path = databasePath == ":memory:" ? NSTemporaryDirectory() + "keap-ledger-memory-\(getpid()).flush-lock" : databasePath + ".flush-lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw SyncFailure.database(LedgerStoreError(.io, "cannot open the flush lock \(path): \(reason)"))
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw SyncFailure.busy("another `outbox flush` is running on \(databasePath) (it holds \(path)); try again when it has finished")
        }
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One flush per database at a time (spec/keap-sync.md rule 6): an exclusive `flock` on `<database>.flush-lock`.
/// The kernel releases it when the process ends, however it ends, so a killed flush never leaves it stuck.
package final class FlushLock: Sendable {
    private let descriptor: Int32

    /// Takes the lock or throws `.busy` at once (a second flush must not wait behind the first: cron would pile up).
    package init(databasePath: String) throws(SyncFailure) {
        let path = databasePath == ":memory:" ? NSTemporaryDirectory() + "keap-ledger-memory-\(getpid()).flush-lock" : databasePath + ".flush-lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw SyncFailure.busy("cannot open the flush lock \(path): \(String(cString: strerror(errno)))")
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

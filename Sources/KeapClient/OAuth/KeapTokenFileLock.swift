import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// An exclusive `flock` on `<token file>.lock`: one refresher at a time across processes (keap-sync.md "Auth"). A
/// refresh token works once, so two processes refreshing with the same one would leave one of them with a dead token.
/// A separate lock file, because the token file itself is replaced by rename on every write.
package final class KeapTokenFileLock: Sendable {
    private let descriptor: Mutex<Int32>

    private init(descriptor: Int32) {
        self.descriptor = Mutex(descriptor)
    }

    deinit {
        release()
    }

    /// Takes the lock, polling with `LOCK_NB`: a blocking `flock` would hold a thread of the cooperative pool, which
    /// the in-process sandbox and other calls need.
    package static func acquire(tokenFile: String, timeout: Duration = .seconds(60)) async throws(KeapTokenFileError) -> KeapTokenFileLock {
        let path = tokenFile + ".lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw KeapTokenFileError(path: tokenFile, reason: .io("cannot open \(path): \(String(cString: strerror(errno)))"))
        }
        let deadline = ContinuousClock.now + timeout
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let error = errno
            guard error == EWOULDBLOCK || error == EINTR else {
                close(descriptor)
                throw KeapTokenFileError(path: tokenFile, reason: .io("cannot lock \(path): \(String(cString: strerror(error)))"))
            }
            guard ContinuousClock.now < deadline, !Task.isCancelled else {
                close(descriptor)
                throw KeapTokenFileError(path: tokenFile, reason: .lockTimeout(seconds: timeout.components.seconds))
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return KeapTokenFileLock(descriptor: descriptor)
    }

    /// Unlocks (closing the descriptor releases the flock); safe to call twice.
    package func release() {
        descriptor.withLock { descriptor in
            guard descriptor >= 0 else { return }
            close(descriptor)
            descriptor = -1
        }
    }
}

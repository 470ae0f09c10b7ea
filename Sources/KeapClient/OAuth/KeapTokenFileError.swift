/// Why the token file cannot be used. The message names the path and what to do, never the file's contents (they
/// are secrets).
package struct KeapTokenFileError: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Reason: Error, Sendable, Equatable {
        case missing
        /// Group or others have some permission (the mode's low six bits, octal).
        case insecure(mode: UInt32)
        case malformed(String)
        /// A system call failed: what was being done and `strerror`.
        case io(String)
        /// Another process held `<file>.lock` longer than the wait allowed.
        case lockTimeout(seconds: Int64)
    }

    package let path: String
    package let reason: Reason

    package init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    package var description: String {
        switch reason {
        case .missing:
            "the token file \(path) (KEAP_TOKEN_FILE) does not exist; "
                + KeapOAuthSettings.reauthorizeInstruction(tokenFile: path)
        case .insecure(let mode):
            "the token file \(path) has mode \(String(mode, radix: 8)): group or others have access to it, so it is "
                + "not used; run `chmod 600 \(path)` (and check who could have read it)"
        case .malformed(let detail):
            "the token file \(path) is not a valid token file (\(detail)); "
                + KeapOAuthSettings.reauthorizeInstruction(tokenFile: path)
        case .io(let detail):
            "the token file \(path): \(detail)"
        case .lockTimeout(let seconds):
            "another process held \(path).lock for more than \(seconds) s while refreshing the Keap tokens; "
                + "try again (if no keap-ledger process is running, the lock is stale only if its holder hangs)"
        }
    }
}

/// A failure of the ledger database, readable by an operator at 2 a.m.
package struct LedgerStoreError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure, for exit codes and tests.
    package enum Code: String, Sendable {
        /// Another process holds the write lock longer than the busy timeout: try again.
        case busy
        /// The file cannot be opened, read or written, or SQLite reported an I/O or corruption error.
        case io
        /// The database was written by a newer keap-ledger, or is not a ledger at all.
        case incompatible
        /// The ledger's own invariants failed: a bug, never bad input.
        case internalInvariant
        /// Something the operator named does not exist (an outbox stream).
        case notFound
        /// A name matches several things, or the operation would destroy something without being told to.
        case ambiguous
        /// A file that should hold an intact ledger (a backup) does not verify.
        case damaged
        /// Something the operator handed in is not in the form it must have (a line of an anchor file).
        case malformedInput
        /// A file the operator named cannot be read (an anchor file).
        case inputMissing
    }

    package let code: Code
    package let message: String

    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    package var description: String { message }
}

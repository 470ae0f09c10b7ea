/// The newest event's seq and chain hash: what `log_head` holds, what `ingest --anchor-file` writes down after each
/// commit, and what an anchor later proves the log still contains.
package struct LogHead: Sendable, Equatable {
    /// 0 for an empty log.
    package let seq: Int64
    package let chainHash: [UInt8]

    package init(seq: Int64, chainHash: [UInt8]) {
        self.seq = seq
        self.chainHash = chainHash
    }
}

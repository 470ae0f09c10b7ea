/// A seq and the chain hash the log held there, kept outside the database (another disk, a ticket, an email):
/// `verify` proves the log still holds exactly that event there. It catches what no self-contained log can: a tail
/// cut off with `log_head` rewritten to match, or a prefix rewritten with every later hash recomputed.
package struct Anchor: Sendable, Equatable {
    package let seq: Int64
    package let chainHash: [UInt8]
    /// Where it came from, for messages and `verify --json`: `FILE:LINE`, or `--anchor`.
    package let origin: String

    package init(seq: Int64, chainHash: [UInt8], origin: String) {
        self.seq = seq
        self.chainHash = chainHash
        self.origin = origin
    }

    /// `SEQ:HASH`, as the `--anchor` option takes it. The error message names the value and says what is expected.
    package static func parse(option text: String) throws(LedgerStoreError) -> Anchor {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw LedgerStoreError(.malformedInput, "--anchor \"\(text)\": expected SEQ:HASH (a seq, a colon, and the 64 hex digits of its chain hash, as `verify` prints them)")
        }
        switch parse(seq: parts[0], hash: parts[1], origin: "--anchor") {
        case .success(let anchor): return anchor
        case .failure(let reason): throw LedgerStoreError(.malformedInput, "--anchor \"\(text)\": \(reason)")
        }
    }

    /// The seq and hash fields of an anchor, or why they are not one (words an operator can act on).
    static func parse(seq: Substring, hash: Substring, origin: String) -> Result<Anchor, AnchorSyntax> {
        guard !seq.isEmpty, seq.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              let number = Int64(seq), number >= 1 else {
            return .failure(AnchorSyntax("the seq must be a whole number of at least 1; found \"\(seq)\""))
        }
        guard let bytes = EventHashes.bytes(hex: hash) else {
            return .failure(AnchorSyntax("the hash must be 64 hex digits (a SHA-256 chain hash as `verify` prints head_hash); found \"\(hash)\" (\(hash.count) characters)"))
        }
        return .success(Anchor(seq: number, chainHash: bytes, origin: origin))
    }

    /// The hash as lower-case hex.
    package var hashText: String { EventHashes.hex(chainHash) }
}

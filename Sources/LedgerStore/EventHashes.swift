import Crypto
import LedgerCore

/// The log's two SHA-256 hashes: what an event says (content) and where it stands in the log (chain).
package enum EventHashes {
    /// The chain hash before the first event.
    package static let genesis = [UInt8](repeating: 0, count: 32)

    /// SHA-256 of an event's canonical JSON: equal for lines with the same JSON value.
    package static func content(_ canonicalBytes: [UInt8]) -> [UInt8] {
        SHA256.hash(data: canonicalBytes).withUnsafeBytes { Array($0) }
    }

    /// SHA-256 over the previous chain hash, seq, source, id and the exact stored line, each length-prefixed so
    /// that no two different inputs share an encoding. `recorded_at` is deliberately outside the chain: re-ingesting
    /// an export elsewhere must reproduce the same chain.
    package static func chain(previous: [UInt8], seq: Int64, source: String, id: String, line: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: previous)
        withUnsafeBytes(of: UInt64(seq).bigEndian) { hasher.update(bufferPointer: $0) }
        for field in [Array(source.utf8), Array(id.utf8), line] {
            withUnsafeBytes(of: UInt32(field.count).bigEndian) { hasher.update(bufferPointer: $0) }
            hasher.update(data: field)
        }
        return hasher.finalize().withUnsafeBytes { Array($0) }
    }

    /// Lower-case hex, for messages and `verify --json`.
    package static func hex(_ bytes: [UInt8]) -> String {
        HexDigits.lowercase(bytes)
    }
}

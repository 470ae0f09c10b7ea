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

    /// Log format 1: SHA-256 over the previous chain hash, seq, source, id and the exact stored line, each
    /// length-prefixed so that no two different inputs share an encoding. `recorded_at` is outside this chain, which is
    /// why format 2 exists; the rule stays so that events written in format 1 keep verifying.
    package static func chainV1(previous: [UInt8], seq: Int64, source: String, id: String, line: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: previous)
        withUnsafeBytes(of: UInt64(seq).bigEndian) { hasher.update(bufferPointer: $0) }
        for field in [Array(source.utf8), Array(id.utf8), line] {
            withUnsafeBytes(of: UInt32(field.count).bigEndian) { hasher.update(bufferPointer: $0) }
            hasher.update(data: field)
        }
        return hasher.finalize().withUnsafeBytes { Array($0) }
    }

    /// Domain tag that opens every format-2 hash input, so no format-2 input can read as a format-1 one.
    private static let v2Tag = Array("keap-ledger log format 2".utf8)

    /// Log format 2: SHA-256 over the previous chain hash and every stored column of the row (seq, source, id, type,
    /// stream, occurred_at, recorded_at, v, line, content hash), each length-prefixed. Both times are under the
    /// chain, so moving either, even in order, breaks it.
    ///
    /// `scratch` is the caller's reusable buffer: the fields are gathered into it and hashed in two updates instead
    /// of twenty, because this runs on the ingest's single writing thread.
    package static func chainV2(previous: [UInt8], fields: ChainedFields, scratch: inout [UInt8]) -> [UInt8] {
        scratch.removeAll(keepingCapacity: true)
        appendField(v2Tag, to: &scratch)
        scratch.append(contentsOf: previous)
        appendInteger(UInt64(bitPattern: fields.seq), to: &scratch)
        appendField(fields.source.utf8, to: &scratch)
        appendField(fields.id.utf8, to: &scratch)
        appendField(fields.type.utf8, to: &scratch)
        appendField(fields.stream.utf8, to: &scratch)
        appendField(fields.occurredAt.utf8, to: &scratch)
        appendField(fields.recordedAt.utf8, to: &scratch)
        appendInteger(UInt64(bitPattern: fields.version), to: &scratch)
        appendField(fields.contentHash, to: &scratch)
        appendInteger(UInt64(fields.line.count), to: &scratch)
        var hasher = SHA256()
        hasher.update(data: scratch)
        fields.line.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return hasher.finalize().withUnsafeBytes { Array($0) }
    }

    private static func appendField<Bytes: Collection>(_ bytes: Bytes, to buffer: inout [UInt8]) where Bytes.Element == UInt8 {
        withUnsafeBytes(of: UInt32(bytes.count).bigEndian) { buffer.append(contentsOf: $0) }
        buffer.append(contentsOf: bytes)
    }

    private static func appendInteger(_ value: UInt64, to buffer: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { buffer.append(contentsOf: $0) }
    }

    /// Lower-case hex, for messages and `verify --json`.
    package static func hex(_ bytes: [UInt8]) -> String {
        HexDigits.lowercase(bytes)
    }

    /// The bytes of 64 hex digits (either case), nil for anything else.
    package static func bytes(hex text: Substring) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count == 64 else { return nil }
        func nibble(_ digit: UInt8) -> UInt8? {
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(32)
        var index = 0
        while index < 64 {
            guard let high = nibble(utf8[index]), let low = nibble(utf8[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }
}

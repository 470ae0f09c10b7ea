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
    /// The verifier's entry point; the writer's is the one taking serialized segments (`LogEntryBatch`), and both
    /// hash through it, so they cannot disagree on a byte.
    package static func chainV2(previous: [UInt8], fields: ChainedFields) -> [UInt8] {
        var segments: [UInt8] = []
        let layout = appendSegments(
            source: fields.source, id: fields.id, type: fields.type, stream: fields.stream, occurredAt: fields.occurredAt,
            version: fields.version, contentHash: fields.contentHash, lineCount: fields.line.count, to: &segments)
        return segments.withUnsafeBufferPointer { segments in
            fields.line.withUnsafeBufferPointer { line in
                chainV2(
                    previous: previous, seq: fields.seq, recordedAtField: lengthPrefixed(fields.recordedAt.utf8),
                    segments: segments, recordedAtOffset: layout.recordedAtOffset, line: line)
            }
        }
    }

    /// The format-2 input is `tag ‖ previous ‖ seq ‖ segments before recordedAtOffset ‖ recordedAtField ‖ the rest of
    /// segments`, then the line. Only the first three and `recordedAtField` are known to the writer alone; the
    /// segments are serialized on a parsing thread (`appendSegments`), since the single writing thread bounds ingest.
    static func chainV2(
        previous: [UInt8], seq: Int64, recordedAtField: [UInt8], segments: UnsafeBufferPointer<UInt8>, recordedAtOffset: Int,
        line: UnsafeBufferPointer<UInt8>
    ) -> [UInt8] {
        // Fed piece by piece: the hash is the same as over the concatenation, and nothing is copied on the writing thread.
        var hasher = SHA256()
        hasher.update(data: v2TagField)
        hasher.update(data: previous)
        withUnsafeBytes(of: UInt64(bitPattern: seq).bigEndian) { hasher.update(bufferPointer: $0) }
        hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(segments)[..<recordedAtOffset]))
        hasher.update(data: recordedAtField)
        hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(segments)[recordedAtOffset...]))
        hasher.update(bufferPointer: UnsafeRawBufferPointer(line))
        return hasher.finalize().withUnsafeBytes { Array($0) }
    }

    /// The tag, length-prefixed, as it opens every format-2 input.
    private static let v2TagField = lengthPrefixed(v2Tag)

    /// `bytes` with their 4-byte big-endian length in front: how format 2 writes each variable-length field.
    package static func lengthPrefixed<Bytes: Collection>(_ bytes: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        var field: [UInt8] = []
        field.reserveCapacity(4 + bytes.count)
        appendField(bytes, to: &field)
        return field
    }

    /// Appends source, id, type, stream and occurred_at, then v, the content hash and the line's length, serialized as
    /// format 2 hashes them, to `buffer`; returns where everything went.
    static func appendSegments(
        source: String, id: String, type: String, stream: String, occurredAt: String, version: Int64, contentHash: [UInt8],
        lineCount: Int, to buffer: inout [UInt8]
    ) -> ChainSegmentLayout {
        let start = buffer.count
        let sourceField = appendField(source.utf8, to: &buffer)
        let idField = appendField(id.utf8, to: &buffer)
        let typeField = appendField(type.utf8, to: &buffer)
        let streamField = appendField(stream.utf8, to: &buffer)
        let occurredAtField = appendField(occurredAt.utf8, to: &buffer)
        let recordedAtOffset = buffer.count - start
        appendInteger(UInt64(bitPattern: version), to: &buffer)
        let contentHashField = appendField(contentHash, to: &buffer)
        appendInteger(UInt64(lineCount), to: &buffer)
        return ChainSegmentLayout(
            segments: start..<buffer.count, recordedAtOffset: recordedAtOffset, source: sourceField, id: idField,
            type: typeField, stream: streamField, occurredAt: occurredAtField, contentHash: contentHashField)
    }

    /// Appends `bytes` with their length prefix; returns where the bytes themselves went.
    @discardableResult
    private static func appendField<Bytes: Collection>(_ bytes: Bytes, to buffer: inout [UInt8]) -> Range<Int> where Bytes.Element == UInt8 {
        withUnsafeBytes(of: UInt32(bytes.count).bigEndian) { buffer.append(contentsOf: $0) }
        let start = buffer.count
        // In one copy where the bytes are contiguous (a native string's UTF-8 is): appending a `String.UTF8View` as
        // a collection went byte by byte, 6 % of a parsing thread's samples (session 11, 200k events).
        if bytes.withContiguousStorageIfAvailable({ buffer.append(contentsOf: $0) }) == nil {
            buffer.append(contentsOf: bytes)
        }
        return start..<buffer.count
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

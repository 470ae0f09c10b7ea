import CZlib

/// Inflates a gzip stream of one or more members (as `cat a.gz b.gz` makes) with the system zlib.
///
/// zlib rather than compress-nio: the ingest path needs no SwiftNIO, and multi-member handling is a few lines here.
package final class GzipByteSource: ByteSource {
    private let compressed: any ByteSource
    private let name: String
    private var stream = z_stream()
    private var input: UnsafeMutableRawBufferPointer
    private var inputExhausted = false
    private var memberFinished = false
    private var sawAnyData = false
    /// An error met after some output was produced: that output is returned first, the error on the next read, so
    /// the complete lines before a corrupt or truncated spot are still read.
    private var deferredError: FeedReadError?

    /// Inflates what `compressed` yields; `name` is the input's name in messages.
    package init(compressed: any ByteSource, name: String) throws(FeedReadError) {
        self.compressed = compressed
        self.name = name
        input = .allocate(byteCount: 256 * 1024, alignment: 16)
        // 15 + 16: a gzip header is required (not raw deflate, not zlib).
        let status = inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            input.deallocate()
            throw FeedReadError(.unreadable, input: name, reason: "cannot start gzip decompression (zlib status \(status))")
        }
    }

    deinit {
        inflateEnd(&stream)
        input.deallocate()
    }

    package func read(into buffer: UnsafeMutableRawBufferPointer, line: Int) throws(FeedReadError) -> Int {
        guard buffer.count > 0 else { return 0 }
        if let deferredError { throw deferredError }
        do {
            return try inflate(into: buffer, line: line)
        } catch {
            let produced = buffer.count - Int(stream.avail_out)
            guard produced > 0 else { throw error }
            deferredError = error
            return produced
        }
    }

    private func inflate(into buffer: UnsafeMutableRawBufferPointer, line: Int) throws(FeedReadError) -> Int {
        stream.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.avail_out = UInt32(buffer.count)
        while stream.avail_out > 0 {
            if stream.avail_in == 0, !inputExhausted {
                let count = try compressed.read(into: input, line: line)
                if count == 0 {
                    inputExhausted = true
                } else {
                    stream.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
                    stream.avail_in = UInt32(count)
                }
            }
            if stream.avail_in == 0, inputExhausted {
                // Ending between members is a clean end; ending inside one is truncation.
                if memberFinished || !sawAnyData { break }
                throw FeedReadError(.corruptData, input: name, line: line, reason: "the gzip data is truncated (it ends inside a compressed member)")
            }
            if memberFinished {
                // More bytes after a finished member: another member starts here.
                inflateReset(&stream)
                memberFinished = false
            }
            sawAnyData = true
            let status = CZlib.inflate(&stream, Z_NO_FLUSH)
            switch status {
            case Z_OK, Z_BUF_ERROR:
                continue
            case Z_STREAM_END:
                memberFinished = true
            default:
                let detail = stream.msg.map { String(cString: $0) } ?? "zlib status \(status)"
                throw FeedReadError(.corruptData, input: name, line: line, reason: "the gzip data is corrupt (\(detail))")
            }
        }
        return buffer.count - Int(stream.avail_out)
    }
}

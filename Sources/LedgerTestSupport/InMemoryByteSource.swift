import LedgerFeed

/// Serves fixed bytes in reads of at most `step` bytes, to exercise lines split across reads.
package final class InMemoryByteSource: ByteSource {
    private let bytes: [UInt8]
    private let step: Int
    private var offset = 0

    package init(_ bytes: [UInt8], step: Int = 1 << 16) {
        self.bytes = bytes
        self.step = step
    }

    package convenience init(_ text: String, step: Int = 1 << 16) {
        self.init(Array(text.utf8), step: step)
    }

    package func read(into buffer: UnsafeMutableRawBufferPointer, line: Int) throws(FeedReadError) -> Int {
        let count = min(step, buffer.count, bytes.count - offset)
        for index in 0..<count { buffer[index] = bytes[offset + index] }
        offset += count
        return count
    }
}

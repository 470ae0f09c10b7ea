#if canImport(Glibc)
import Glibc
#endif

/// Splits a byte stream into feed lines, in bounded memory: LF or CRLF line ends (neither kept), a lone CR is not a
/// line end, a UTF-8 BOM at the very start of the input is skipped, blank lines (only spaces and tabs) are skipped
/// but counted in line numbers, and a final line without a line end still counts (a CR at its end is then a lone CR:
/// part of the line, as the contract says).
package final class LineFramer {
    /// Lines longer than this are still reported (and rejected), but only their first `keptBytesLimit` bytes are kept,
    /// so that a feed without line ends cannot exhaust memory. 64 MiB is far above the 1 MiB line limit.
    package static let keptBytesLimit = 64 * 1024 * 1024

    private let source: any ByteSource
    private let chunkSize: Int

    package init(source: any ByteSource, chunkSize: Int = 1 << 20) {
        self.source = source
        self.chunkSize = chunkSize
    }

    /// Calls `body` for each non-blank line. The buffer is only valid during the call.
    /// - Returns: the number of the last line read (blank lines included).
    @discardableResult
    package func forEachLine(_ body: (FeedLine) throws -> Void) throws -> Int {
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { chunk.deallocate() }
        var pending: [UInt8] = []      // the current line's bytes carried across chunks
        var pendingLength = 0          // its full length, which may exceed what was kept
        var lineNumber = 1
        while true {
            let count = try source.read(into: chunk, line: lineNumber)
            if count == 0 { break }
            let bytes = UnsafeBufferPointer(start: chunk.baseAddress!.assumingMemoryBound(to: UInt8.self), count: count)
            var start = 0
            while start < bytes.count {
                let remaining = bytes.count - start
                let found = memchr(bytes.baseAddress! + start, 0x0A, remaining)
                guard let found else {
                    LineFramer.keep(UnsafeBufferPointer(rebasing: bytes[start...]), in: &pending, length: &pendingLength)
                    break
                }
                let end = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - bytes.baseAddress!
                let piece = UnsafeBufferPointer(rebasing: bytes[start..<end])
                if pendingLength == 0 {
                    try emit(piece, fullLength: piece.count, number: lineNumber, endsWithLineFeed: true, body)
                } else {
                    LineFramer.keep(piece, in: &pending, length: &pendingLength)
                    try pending.withUnsafeBufferPointer { try emit($0, fullLength: pendingLength, number: lineNumber, endsWithLineFeed: true, body) }
                    pending.removeAll(keepingCapacity: pending.capacity <= 4 << 20)
                    pendingLength = 0
                }
                lineNumber += 1
                start = end + 1
            }
        }
        if pendingLength > 0 {
            try pending.withUnsafeBufferPointer { try emit($0, fullLength: pendingLength, number: lineNumber, endsWithLineFeed: false, body) }
        } else {
            lineNumber -= 1
        }
        return lineNumber
    }

    private static func keep(_ piece: UnsafeBufferPointer<UInt8>, in pending: inout [UInt8], length: inout Int) {
        let room = max(0, keptBytesLimit - pending.count)
        pending.append(contentsOf: UnsafeBufferPointer(rebasing: piece.prefix(room)))
        length += piece.count
    }

    /// - Parameter endsWithLineFeed: false for a last line without a line end, whose final CR is a lone CR and stays.
    private func emit(_ raw: UnsafeBufferPointer<UInt8>, fullLength: Int, number: Int, endsWithLineFeed: Bool, _ body: (FeedLine) throws -> Void) throws {
        var line = raw
        var length = fullLength
        // A BOM is skipped only at the very start of the input (line 1 is assembled whole, whatever the read sizes).
        if number == 1, line.count >= 3, line[0] == 0xEF, line[1] == 0xBB, line[2] == 0xBF {
            line = UnsafeBufferPointer(rebasing: line.dropFirst(3))
            length -= 3
        }
        // CRLF: the CR belongs to the line end. Only when the line is kept whole: a cut line's last kept byte is not
        // its last byte.
        if endsWithLineFeed, let last = line.last, last == 0x0D, length == line.count {
            line = UnsafeBufferPointer(rebasing: line.dropLast())
            length -= 1
        }
        if length == line.count, line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
        try body(FeedLine(number: number, bytes: line, fullLength: length))
    }
}

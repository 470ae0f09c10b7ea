/// A stream of raw bytes: a file, standard input, or a decompressor over one of those.
package protocol ByteSource: AnyObject {
    /// Fills up to `buffer.count` bytes; returns 0 at the end of the stream.
    /// - Parameter line: the line number being read, so a decompression error can name it.
    func read(into buffer: UnsafeMutableRawBufferPointer, line: Int) throws(FeedReadError) -> Int
}

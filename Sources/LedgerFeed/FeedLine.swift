/// One non-blank line of a feed, without its line end.
package struct FeedLine {
    /// 1-based line number in the (decompressed) input, blank lines included.
    package let number: Int
    /// The line's bytes; only the first `LineFramer.keptBytesLimit` for a giant line. Valid only during the callback.
    package let bytes: UnsafeBufferPointer<UInt8>
    /// The line's real length, which exceeds `bytes.count` when the line was cut.
    package let fullLength: Int

    /// True when the line was longer than what was kept.
    package var isCut: Bool { fullLength > bytes.count }
}

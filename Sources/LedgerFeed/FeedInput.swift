/// Opens a feed named on the command line: a path (`.gz` by suffix) or `-` for standard input.
package enum FeedInput {
    /// The byte source for `name`, decompressing when it ends in `.gz`.
    package static func open(_ name: String) throws(FeedReadError) -> any ByteSource {
        let file = try FileByteSource(path: name)
        if name.hasSuffix(".gz") {
            return try GzipByteSource(compressed: file, name: name)
        }
        return file
    }
}

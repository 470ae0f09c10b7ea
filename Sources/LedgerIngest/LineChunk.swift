import LedgerFeed

/// A run of framed lines from one input, copied out of the framer's buffer so a parsing worker can own them.
struct LineChunk: Sendable {
    /// Where one line sits in `storage`.
    struct Slot: Sendable {
        let start: Int
        let count: Int
        /// The line's real length (larger than `count` for a line cut at the framer's limit).
        let fullLength: Int
        let number: Int
    }

    let input: Int
    let name: String
    var storage: [UInt8] = []
    var slots: [Slot] = []
    /// An input that could not be read past this chunk (corrupt or truncated `.gz`).
    var readFailure: IngestRejection?

    init(input: Int, name: String) {
        self.input = input
        self.name = name
    }

    mutating func append(_ line: FeedLine) {
        slots.append(Slot(start: storage.count, count: line.bytes.count, fullLength: line.fullLength, number: line.number))
        storage.append(contentsOf: line.bytes)
    }
}

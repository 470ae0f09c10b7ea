/// One line that was not stored, with everything an operator needs to find and fix it.
package struct IngestRejection: Sendable {
    /// Why: an invalid line, a conflict with a stored event, or input that could not be read at that point.
    package enum Kind: String, Sendable {
        case invalid
        case conflict
        case unreadable
    }

    package let kind: Kind
    /// The input as named on the command line (`-` for standard input).
    package let input: String
    /// 1-based line number in the (decompressed) input.
    package let line: Int
    /// The line's `id` when readable.
    package let eventID: String?
    /// `field: what is wrong; found …`, or a line-level reason.
    package let reason: String
    /// The line exactly as received, for the rejects file (empty for unreadable input).
    package let bytes: [UInt8]

    package init(kind: Kind, input: String, line: Int, eventID: String?, reason: String, bytes: [UInt8]) {
        self.kind = kind
        self.input = input
        self.line = line
        self.eventID = eventID
        self.reason = reason
        self.bytes = bytes
    }

    /// `FILE:LINE: id=ID: reason` (cli.md); `id=?` when the id cannot be read.
    package var message: String {
        "\(input):\(line): id=\(eventID ?? "?"): \(reason)"
    }
}

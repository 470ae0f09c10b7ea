/// Why a line is not acceptable JSON, with the byte offset where the parser stopped.
package struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, in words an operator can act on.
    package let reason: String
    /// Zero-based byte offset in the line.
    package let offset: Int

    package init(_ reason: String, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    package var description: String { "\(reason) (at byte \(offset + 1))" }
}

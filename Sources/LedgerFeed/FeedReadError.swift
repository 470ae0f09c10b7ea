/// A feed that cannot be read (as opposed to a line that is read but invalid).
package struct FeedReadError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, for exit codes: a missing input stops the run before anything is stored (exit 66); damaged
    /// data (a corrupt or truncated `.gz`) is a data error at that point in the feed (exit 65).
    package enum Code: String, Sendable {
        case missing
        case unreadable
        case corruptData
    }

    package let code: Code
    /// The input as named on the command line (`-` for standard input).
    package let input: String
    /// The line number the error is reported at (corrupt data: the line being read), if any.
    package let line: Int?
    package let reason: String

    package init(_ code: Code, input: String, line: Int? = nil, reason: String) {
        self.code = code
        self.input = input
        self.line = line
        self.reason = reason
    }

    package var description: String {
        if let line { return "\(input):\(line): \(reason)" }
        return "\(input): \(reason)"
    }
}

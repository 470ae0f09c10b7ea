/// Why one feed line was rejected: the field at fault (nil for framing and JSON errors) and what is wrong with it.
package struct FeedViolation: Error, Sendable, Equatable, CustomStringConvertible {
    /// Path of the offending field, e.g. `data.lines[0].unit_price`; nil when the line as a whole is at fault.
    package let field: String?
    /// What is wrong and what was found, in words an operator can act on.
    package let reason: String
    /// The line's `id` when it could be read, for the error message.
    package var eventID: String?

    package init(field: String?, reason: String, eventID: String? = nil) {
        self.field = field
        self.reason = reason
        self.eventID = eventID
    }

    /// `field: reason`, or just the reason for line-level errors.
    package var description: String {
        if let field { return "\(field): \(reason)" }
        return reason
    }
}

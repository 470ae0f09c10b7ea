/// A JSON number kept as the text it was written with (already checked against JSON's number grammar).
package struct JSONNumber: Sendable, Equatable, CustomStringConvertible {
    /// The literal text, e.g. `12.50` or `-1e3`.
    package let text: String

    package init(text: String) {
        self.text = text
    }

    package var description: String { text }

    /// True when written as an integer: no fraction, no exponent (`1.0` and `1e0` are not integers).
    package var isIntegerLiteral: Bool {
        !text.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") })
    }

    /// The value as an `Int` when it is an integer literal that fits, else nil.
    package var intValue: Int? {
        isIntegerLiteral ? Int(text) : nil
    }
}

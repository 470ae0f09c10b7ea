/// Hexadecimal digits, written by hand once: `String(format:)` is slow on Linux and `String(_:radix:)` allocates per
/// byte. Used for hashes (lower case), JSON `\u` escapes (lower case), messages (`0x1F`) and percent-encoding (upper
/// case, as RFC 3986 recommends).
package enum HexDigits {
    /// The ASCII digit of `nibble` (0...15).
    @inlinable
    package static func digit(_ nibble: UInt8, uppercase: Bool = false) -> UInt8 {
        nibble < 10 ? nibble + UInt8(ascii: "0") : nibble - 10 + (uppercase ? UInt8(ascii: "A") : UInt8(ascii: "a"))
    }

    /// `bytes` as lower-case hex, two digits a byte: a SHA-256 in 64 characters.
    package static func lowercase(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            out.append(digit(byte >> 4))
            out.append(digit(byte & 0xF))
        }
        return String(decoding: out, as: UTF8.self)
    }
}

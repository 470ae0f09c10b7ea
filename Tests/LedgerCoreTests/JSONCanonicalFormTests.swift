import Testing
@testable import LedgerCore

@Suite("Canonical form: what \"the same JSON value\" means")
struct JSONCanonicalFormTests {
    /// Bytes, not a String: Swift's String == would equate canonically equivalent spellings.
    private func canonical(_ text: String) throws -> [UInt8] {
        var out: [UInt8] = []
        JSONCanonicalForm.write(try JSONParser.parse(Array(text.utf8)), into: &out)
        return out
    }

    @Test func keyOrderAndWhitespaceDoNotMatter() throws {
        #expect(try canonical(#"{"b":1,"a":{"y":2,"x":[1, 2]}}"#) == canonical(#"{ "a" : { "x":[1,2], "y":2 }, "b":1 }"#))
    }

    @Test(arguments: [("12.5", "12.50"), ("1.25e1", "12.5"), ("125E-1", "12.500"), ("0", "-0"), ("0.00", "0e7"), ("100", "1e2")])
    func numbersCompareByExactDecimalValue(left: String, right: String) throws {
        #expect(try canonical("[\(left)]") == canonical("[\(right)]"))
    }

    @Test(arguments: [("12.5", "12.51"), ("1", "10"), ("-1", "1"), ("0.1", "0.01")])
    func differentNumbersStayDifferent(left: String, right: String) throws {
        #expect(try canonical("[\(left)]") != canonical("[\(right)]"))
    }

    @Test func aStringIsNotTheNumberItSpells() throws {
        #expect(try canonical(#"{"a":"12.50"}"#) != canonical(#"{"a":12.50}"#))
    }

    @Test func stringsCompareAfterUnescapingByCodePoints() throws {
        #expect(try canonical(#"["\u0041\u00e9"]"#) == canonical("[\"A\u{E9}\"]"))
        // No Unicode normalisation: precomposed and decomposed é differ.
        #expect(try canonical("[\"\u{E9}\"]") != canonical("[\"e\u{301}\"]"))
    }

    /// The eight-bytes-at-a-time scan against the plain byte test, on every byte value at every position of strings
    /// up to 24 bytes long (three words and a tail), among bytes that need no escape, ASCII and not.
    @Test func theWordScanFindsEveryByteThatNeedsAnEscapeWhereverItIs() {
        func plain(_ bytes: [UInt8]) -> Bool {
            bytes.contains { $0 < 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
        }
        var generator = SystemRandomNumberGenerator()
        let harmless: [UInt8] = Array(0x20...0xFF).filter { $0 != 0x7F && $0 != 0x22 && $0 != 0x5C }
        var mismatches: [String] = []
        for length in 0...24 {
            let background = (0..<length).map { _ in harmless.randomElement(using: &generator)! }
            if background.withUnsafeBufferPointer(JSONCanonicalForm.needsEscaping) { mismatches.append("length \(length): clean flagged") }
            for position in 0..<length {
                for byte in UInt8.min...UInt8.max {
                    var bytes = background
                    bytes[position] = byte
                    if bytes.withUnsafeBufferPointer(JSONCanonicalForm.needsEscaping) != plain(bytes) {
                        mismatches.append("length \(length), byte \(byte) at \(position)")
                    }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }
}


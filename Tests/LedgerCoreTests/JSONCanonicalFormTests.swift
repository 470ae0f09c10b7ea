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
}

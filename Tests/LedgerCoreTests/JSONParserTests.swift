import Testing
@testable import LedgerCore

@Suite("Strict JSON parser")
struct JSONParserTests {
    private func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try JSONParser.parse(Array(text.utf8))
    }

    private func rejection(_ bytes: [UInt8]) -> String? {
        do {
            _ = try JSONParser.parse(bytes)
            return nil
        } catch {
            return error.reason
        }
    }

    @Test func keepsNumbersAsWrittenAndMembersInOrder() throws {
        // Given a line with money as a number and fields in a particular order
        let value = try parse(#"{"b":12.50,"a":[1,1.0,1e0,-0],"c":"x"}"#)
        // Then the number text and member order survive
        guard case .object(let object) = value else { Issue.record("not an object"); return }
        #expect(object.members.map(\.key) == ["b", "a", "c"])
        #expect(object["b"] == .number(JSONNumber(text: "12.50")))
        guard case .array(let numbers)? = object["a"] else { Issue.record("not an array"); return }
        let texts = numbers.compactMap { if case .number(let n) = $0 { n } else { nil } }
        #expect(texts.map(\.text) == ["1", "1.0", "1e0", "-0"])
        #expect(texts.map(\.isIntegerLiteral) == [true, false, false, true])
    }

    @Test func rejectsDuplicateKeysAtAnyDepth() {
        #expect(rejection(Array(#"{"a":1,"a":2}"#.utf8))?.contains("duplicate key \"a\"") == true)
        #expect(rejection(Array(#"{"d":{"x":[{"k":1,"k":1}]}}"#.utf8))?.contains("duplicate key \"k\"") == true)
    }

    @Test func keysDifferingOnlyByNormalisationAreDifferentKeys() throws {
        // "é" precomposed and decomposed are canonically equivalent in Swift, but different code points.
        let value = try parse("{\"\u{E9}\":1,\"e\u{301}\":2}")
        guard case .object(let object) = value else { Issue.record("not an object"); return }
        #expect(object.members.count == 2)
    }

    @Test(arguments: [
        #"{"a":"\ud800"}"#, #"{"a":"\udc00"}"#, #"{"a":"\ud800\u0041"}"#, #"{"a":"\ud800x"}"#,
    ])
    func rejectsLoneSurrogates(line: String) {
        #expect(rejection(Array(line.utf8))?.contains("lone surrogate") == true)
    }

    @Test func decodesSurrogatePairsAndEscapes() throws {
        let value = try parse(#"{"a":"\ud83d\ude00 \u00e9\n\"\\\/"}"#)
        #expect(value == .object(JSONObject(members: [JSONMember("a", .string("😀 é\n\"\\/"))])))
    }

    @Test func nestingLimitIsSixtyFourLevels() {
        let ok = String(repeating: "[", count: 63) + String(repeating: "]", count: 63)
        #expect(rejection(Array(("{\"a\":" + ok + "}").utf8)) == nil)
        let tooDeep = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(rejection(Array(("{\"a\":" + tooDeep + "}").utf8))?.contains("nested deeper than 64") == true)
    }

    @Test func hundredThousandOpenBracketsAreRejectedWithoutCrashing() {
        let bytes = [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
        #expect(rejection(bytes)?.contains("nested deeper") == true)
    }

    @Test(arguments: [
        ([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC0, 0x80, 0x22, 0x7D], "invalid UTF-8"),          // overlong NUL
        ([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x7D], "invalid UTF-8"),    // encoded surrogate
        ([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xF5, 0x80, 0x80, 0x80, 0x22, 0x7D], "invalid UTF-8"),
        ([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xE2, 0x82, 0x22, 0x7D], "invalid UTF-8"),          // truncated sequence
        ([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0x00, 0x22, 0x7D], "raw control byte 0x00"),
        ([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0x7F, 0x22, 0x7D], "raw control byte 0x7F"),
        ([0x7B, 0x00, 0x7D], "raw control byte 0x00"),
        ([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xEF, 0xBB, 0xBF, 0x22, 0x7D], "byte-order mark"),
        ([0xEF, 0xBB, 0xBF, 0x7B, 0x7D], "byte-order mark"),
    ] as [([UInt8], String)])
    func rejectsBadBytes(bytes: [UInt8], expected: String) {
        let reason = rejection(bytes)
        #expect(reason?.contains(expected) == true, "got \(reason ?? "no error")")
    }

    @Test(arguments: ["{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":1e}", "{\"a\":+1}", "{\"a\":NaN}", "{\"a\":1} x", "{\"a\":1,}", "{'a':1}", "", "{"])
    func rejectsMalformedJSON(text: String) {
        #expect(rejection(Array(text.utf8)) != nil)
    }

    @Test func fiveMegabyteLineParsesOrFailsWithoutCrashing() {
        // Given a 5 MB string value (the validator rejects it for length before parsing; the parser must cope anyway)
        let bytes = Array(#"{"a":""#.utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 5_000_000) + Array(#""}"#.utf8)
        #expect(rejection(bytes) == nil)
    }
}

import Testing
@testable import LedgerCore

@Suite("RFC 3339 timestamps")
struct TimestampTests {
    @Test(arguments: [
        ("2026-11-20T14:03:11Z", "2026-11-20T14:03:11.000000000Z"),
        ("2026-11-20t14:03:11z", "2026-11-20T14:03:11.000000000Z"),
        ("2026-11-20T16:03:11.5+02:00", "2026-11-20T14:03:11.500000000Z"),
        ("2026-11-20T00:30:00.123456789-05:30", "2026-11-20T06:00:00.123456789Z"),
        ("2024-02-29T23:00:00-01:00", "2024-03-01T00:00:00.000000000Z"),
        ("2000-02-29T00:00:00Z", "2000-02-29T00:00:00.000000000Z"),
        ("0001-01-01T00:00:00+01:00", "0000-12-31T23:00:00.000000000Z"),
        ("1969-12-31T23:59:59.999Z", "1969-12-31T23:59:59.999000000Z"),
    ])
    func normalisesToUTC(text: String, utc: String) throws {
        #expect(try Timestamp(rfc3339: text).utcText == utc)
    }

    @Test(arguments: [
        ("2026-11-20T14:03:10Z", "2026-11-20T14:03:10Z"),
        ("2026-11-20T16:03:11.5+02:00", "2026-11-20T14:03:11.5Z"),
        ("2026-11-20T14:03:11.123456789Z", "2026-11-20T14:03:11.123456789Z"),
        ("2026-11-20T14:03:11.120Z", "2026-11-20T14:03:11.12Z"),
    ])
    func describesItselfForPeopleInShortUTCThatParsesBack(text: String, shown: String) throws {
        let timestamp = try Timestamp(rfc3339: text)
        #expect(timestamp.description == shown)
        #expect(try Timestamp(rfc3339: shown) == timestamp)
    }

    @Test(arguments: [
        ("2023-02-29T00:00:00Z", Timestamp.ParseFailure.invalidDate),
        ("1900-02-29T00:00:00Z", .invalidDate),
        ("2026-04-31T00:00:00Z", .invalidDate),
        ("0000-01-01T00:00:00Z", .invalidDate),
        ("2026-12-31T23:59:60Z", .leapSecond),
        ("2026-11-20 14:03:11Z", .syntax),
        ("2026-11-20T14:03Z", .syntax),
        ("2026-11-20T14:03:11", .syntax),
        ("2026-11-20T14:03:11.1234567890Z", .syntax),
        ("2026-11-20T14:03:11.Z", .syntax),
        ("2026-11-20T24:00:00Z", .syntax),
        ("2026-11-20T14:03:11+24:00", .syntax),
        ("2026-11-20T14:03:11+0200", .syntax),
        ("9999-12-31T23:00:00-05:00", .outOfRange),
    ])
    func rejects(text: String, failure: Timestamp.ParseFailure) {
        #expect(throws: failure) { try Timestamp(rfc3339: text) }
    }

    @Test func ordersByInstantNotByText() throws {
        let early = try Timestamp(rfc3339: "2026-11-20T15:00:00+02:00")  // 13:00Z
        let late = try Timestamp(rfc3339: "2026-11-20T14:00:00Z")
        #expect(early < late)
        #expect(early.utcText < late.utcText)
    }
}

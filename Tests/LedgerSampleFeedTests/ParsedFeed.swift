import Foundation
import LedgerSampleFeed

/// One feed line as the tests see it: the raw bytes and the envelope read with `JSONSerialization`.
struct ParsedLine {
    let bytes: [UInt8]
    let object: NSDictionary
    let id: String
    let type: String
    let occurredAt: Date
    let data: [String: Any]

    /// The stream the contract puts this event in, e.g. `order/ORD-100001`.
    var stream: String {
        switch type.split(separator: ".").first ?? "" {
        case "customer": "customer/\(data["customer_ref"] as? String ?? "?")"
        case "product": "product/\(data["sku"] as? String ?? "?")"
        case "subscription": "subscription/\(data["subscription_ref"] as? String ?? "?")"
        default: "order/\(data["order_ref"] as? String ?? "?")"
        }
    }
}

/// Generates and parses feeds for the tests.
enum ParsedFeed {
    /// Every line of the feed for `configuration`, via `nextLine()`.
    static func lines(_ configuration: SampleFeedConfiguration) -> [[UInt8]] {
        var generator = SampleFeedGenerator(configuration: configuration)
        var lines: [[UInt8]] = []
        while let line = generator.nextLine() {
            lines.append(line)
        }
        return lines
    }

    /// Parses one line; nil when it is not a JSON object with the envelope's required fields.
    static func parse(_ bytes: [UInt8]) -> ParsedLine? {
        guard let json = try? JSONSerialization.jsonObject(with: Data(bytes)),
              let object = json as? [String: Any],
              let id = object["id"] as? String,
              let type = object["type"] as? String,
              let occurredAtText = object["occurred_at"] as? String,
              let occurredAt = instant(occurredAtText),
              let data = object["data"] as? [String: Any]
        else { return nil }
        return ParsedLine(bytes: bytes, object: NSDictionary(dictionary: object), id: id, type: type, occurredAt: occurredAt, data: data)
    }

    /// Generates and parses a feed; lines that fail to parse are dropped (tests that care count them).
    static func parsed(_ configuration: SampleFeedConfiguration) -> [ParsedLine] {
        lines(configuration).compactMap(parse)
    }

    /// The feed without re-delivered lines: the first occurrence of each id, in feed order.
    static func originals(_ lines: [ParsedLine]) -> [ParsedLine] {
        var seen = Set<String>()
        return lines.filter { seen.insert($0.id).inserted }
    }

    /// An RFC 3339 timestamp as an instant (`Z` or `±hh:mm`, optional fraction), or nil.
    ///
    /// Hand-rolled because `ISO8601DateFormatter` (and `Calendar`) take tens of µs per call on Linux,
    /// far too slow for tens of thousands of lines.
    static func instant(_ text: String) -> Date? {
        let b = Array(text.utf8)
        func number(_ at: Int, _ count: Int) -> Int? {
            guard at + count <= b.count, b[at..<(at + count)].allSatisfy({ (48...57).contains($0) }) else { return nil }
            return b[at..<(at + count)].reduce(0) { $0 * 10 + Int($1 - 48) }
        }
        func byte(_ at: Int, _ expected: String) -> Bool {
            at < b.count && expected.utf8.contains(b[at])
        }
        guard let year = number(0, 4), byte(4, "-"), let month = number(5, 2), byte(7, "-"), let day = number(8, 2),
              byte(10, "Tt"), let hour = number(11, 2), byte(13, ":"), let minute = number(14, 2), byte(16, ":"),
              let second = number(17, 2), hour < 24, minute < 60, second < 60
        else { return nil }
        var index = 19
        var fraction = 0.0
        if byte(index, ".") {
            var scale = 0.1
            index += 1
            let start = index
            while let digit = number(index, 1) {
                fraction += Double(digit) * scale
                scale /= 10
                index += 1
            }
            guard index > start, index - start <= 9 else { return nil }
        }
        var offset = 0
        if byte(index, "Zz") {
            index += 1
        } else if byte(index, "+-"), let offsetHours = number(index + 1, 2), byte(index + 3, ":"), let offsetMinutes = number(index + 4, 2) {
            offset = (offsetHours * 3600 + offsetMinutes * 60) * (b[index] == UInt8(ascii: "-") ? -1 : 1)
            index += 6
        } else {
            return nil
        }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let monthLengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard index == b.count, year >= 1, (1...12).contains(month), (1...monthLengths[month - 1]).contains(day) else { return nil }
        // Days since 1970-01-01 (Howard Hinnant's days_from_civil).
        let y = month <= 2 ? year - 1 : year
        let era = y / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let days = era * 146_097 + yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear - 719_468
        return Date(timeIntervalSince1970: Double(days * 86_400 + hour * 3600 + minute * 60 + second - offset) + fraction)
    }

    /// A money value (decimal string or JSON number) in minor units of a currency with `decimals` places;
    /// nil when it is malformed or has more fractional digits than the currency.
    ///
    /// Strings are read digit by digit. JSON numbers reach us as binary doubles; an amount with at most
    /// the currency's decimals is recovered exactly by rounding, and the check that the scaled value is
    /// within 1e-6 of an integer rejects any amount that had more digits.
    static func minorUnits(_ value: Any?, decimals: Int) -> Int64? {
        var scale: Int64 = 1
        for _ in 0..<decimals { scale *= 10 }
        if let text = value as? String {
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count <= 2, !parts[0].isEmpty, parts[0].allSatisfy(\.isASCIIDigit), let whole = Int64(parts[0]),
                  parts.count == 1 ? decimals == 0 : (decimals > 0 && parts[1].count == decimals && parts[1].allSatisfy(\.isASCIIDigit))
            else { return nil }
            return whole * scale + (parts.count == 2 ? Int64(parts[1])! : 0)
        }
        if let number = value as? NSNumber {
            let scaled = number.doubleValue * Double(scale)
            guard scaled >= 0, abs(scaled - scaled.rounded()) < 1e-6 else { return nil }
            return Int64(scaled.rounded())
        }
        return nil
    }
}

private extension Character {
    /// 0-9 only (`isNumber` also accepts other scripts' digits and fractions).
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

/// An RFC 3339 date-time as the feed contract allows it, and the UTC instant it names.
///
/// Parsed by hand: Foundation's ISO 8601 formatters accept more than the contract (spaces, missing seconds) and less
/// (nine fraction digits), and are slow on Linux.
package struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z (negative before).
    package let epochSeconds: Int64
    /// Nanoseconds within the second, 0...999_999_999.
    package let nanoseconds: Int32

    package init(epochSeconds: Int64, nanoseconds: Int32) {
        self.epochSeconds = epochSeconds
        self.nanoseconds = nanoseconds
    }

    /// Why a text is not an acceptable timestamp.
    package enum ParseFailure: Error, Sendable, Equatable {
        case syntax
        case invalidDate
        case leapSecond
        case outOfRange
    }

    /// Parses `YYYY-MM-DD(T|t)hh:mm:ss[.f{1,9}](Z|z|±hh:mm)`, years 0001–9999, real calendar dates, no `:60`.
    package init(rfc3339 text: String) throws(ParseFailure) {
        var text = text
        self = try text.withUTF8 { bytes in Result { () throws(ParseFailure) in try Timestamp(rfc3339: bytes) } }.get()
    }

    /// `init(rfc3339:)` over the text's UTF-8 bytes, read in place: the decoder of stored lines parses two or more
    /// times per event, straight from the line.
    package init(rfc3339 b: UnsafeBufferPointer<UInt8>) throws(ParseFailure) {
        func digits(_ start: Int, _ count: Int) throws(ParseFailure) -> Int {
            guard start + count <= b.count else { throw .syntax }
            var value = 0
            for i in start..<(start + count) {
                let d = b[i]
                guard d >= UInt8(ascii: "0"), d <= UInt8(ascii: "9") else { throw .syntax }
                value = value * 10 + Int(d - UInt8(ascii: "0"))
            }
            return value
        }
        func expect(_ position: Int, _ allowed: UInt8...) throws(ParseFailure) {
            guard position < b.count, allowed.contains(b[position]) else { throw .syntax }
        }
        let year = try digits(0, 4)
        try expect(4, UInt8(ascii: "-"))
        let month = try digits(5, 2)
        try expect(7, UInt8(ascii: "-"))
        let day = try digits(8, 2)
        try expect(10, UInt8(ascii: "T"), UInt8(ascii: "t"))
        let hour = try digits(11, 2)
        try expect(13, UInt8(ascii: ":"))
        let minute = try digits(14, 2)
        try expect(16, UInt8(ascii: ":"))
        let second = try digits(17, 2)
        var position = 19
        var nanos = 0
        if position < b.count, b[position] == UInt8(ascii: ".") {
            position += 1
            let fractionStart = position
            while position < b.count, b[position] >= UInt8(ascii: "0"), b[position] <= UInt8(ascii: "9") { position += 1 }
            let count = position - fractionStart
            guard count >= 1, count <= 9 else { throw .syntax }
            nanos = try digits(fractionStart, count)
            for _ in count..<9 { nanos *= 10 }
        }
        var offsetSeconds = 0
        guard position < b.count else { throw .syntax }
        switch b[position] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            position += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign = b[position] == UInt8(ascii: "-") ? -1 : 1
            let offsetHours = try digits(position + 1, 2)
            try expect(position + 3, UInt8(ascii: ":"))
            let offsetMinutes = try digits(position + 4, 2)
            guard offsetHours <= 23, offsetMinutes <= 59 else { throw .syntax }
            offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60)
            position += 6
        default:
            throw .syntax
        }
        guard position == b.count else { throw .syntax }
        guard hour <= 23, minute <= 59 else { throw .syntax }
        if second == 60 { throw .leapSecond }
        guard second <= 59 else { throw .syntax }
        guard year >= 1, month >= 1, month <= 12, day >= 1, day <= Timestamp.daysIn(month: month, year: year) else {
            throw .invalidDate
        }
        let days = Timestamp.daysFromCivil(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetSeconds)
        // The UTC instant must still have a four-digit year, so that the normalised text sorts correctly.
        guard seconds <= Timestamp.latestEpochSecond else { throw .outOfRange }
        epochSeconds = seconds
        nanoseconds = Int32(nanos)
    }

    /// 9999-12-31T23:59:59Z.
    package static let latestEpochSecond: Int64 = 253_402_300_799

    /// The UTC text `YYYY-MM-DDThh:mm:ss.nnnnnnnnnZ`: fixed width, so text order is time order (for SQL `ORDER BY`).
    package var utcText: String {
        String(unsafeUninitializedCapacity: Timestamp.utcTextWidth) { buffer in
            writeUTCText(into: buffer)
            return Timestamp.utcTextWidth
        }
    }

    /// Width of `utcText`.
    package static let utcTextWidth = 30

    /// Appends `utcText`'s bytes to `bytes` without making a string first: the fold workers write a few timestamps
    /// for every projection row and Keap view, and a 30-byte string is a heap allocation each.
    package func appendUTCText(to bytes: inout [UInt8]) {
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: Timestamp.utcTextWidth))
        bytes.withUnsafeMutableBufferPointer { all in
            writeUTCText(into: UnsafeMutableBufferPointer(rebasing: all[start..<(start + Timestamp.utcTextWidth)]))
        }
    }

    /// Writes `utcText` into the first 30 bytes of `buffer`, digit by digit in place.
    private func writeUTCText(into buffer: UnsafeMutableBufferPointer<UInt8>) {
        let days = epochSeconds >= 0 ? epochSeconds / 86_400 : (epochSeconds - 86_399) / 86_400
        let secondOfDay = Int(epochSeconds - days * 86_400)
        let (year, month, day) = Timestamp.civilFromDays(Int(days))
        func put(_ value: Int, at offset: Int, width: Int) {
            var rest = value
            for index in stride(from: offset + width - 1, through: offset, by: -1) {
                buffer[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
        }
        put(year, at: 0, width: 4)
        buffer[4] = UInt8(ascii: "-")
        put(month, at: 5, width: 2)
        buffer[7] = UInt8(ascii: "-")
        put(day, at: 8, width: 2)
        buffer[10] = UInt8(ascii: "T")
        put(secondOfDay / 3600, at: 11, width: 2)
        buffer[13] = UInt8(ascii: ":")
        put(secondOfDay / 60 % 60, at: 14, width: 2)
        buffer[16] = UInt8(ascii: ":")
        put(secondOfDay % 60, at: 17, width: 2)
        buffer[19] = UInt8(ascii: ".")
        put(Int(nanoseconds), at: 20, width: 9)
        buffer[29] = UInt8(ascii: "Z")
    }

    /// For people (messages, human output): RFC 3339 in UTC without trailing zeros in the fraction
    /// (`2026-11-20T14:03:11Z`, `2026-11-23T12:26:48.732306Z`), so it can be pasted into `--as-of`. Storage and
    /// `--json` use the fixed-width `utcText`.
    package var description: String {
        var text = utcText
        text.removeLast()  // "Z"
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text + "Z"
    }

    package static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        (lhs.epochSeconds, lhs.nanoseconds) < (rhs.epochSeconds, rhs.nanoseconds)
    }

    // MARK: - Calendar arithmetic (proleptic Gregorian, H. Hinnant's algorithms)

    static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's `days_from_civil`: integer arithmetic,
    /// no calendar or time zone data). The sample feed's timestamps use it too.
    package static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01 (`civil_from_days`).
    package static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

}

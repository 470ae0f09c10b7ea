import LedgerCore

/// Calendar-free RFC 3339 timestamps from epoch milliseconds, using LedgerCore's civil-from-days arithmetic
/// (`Timestamp.civilFromDays` / `daysFromCivil`, Howard Hinnant's algorithms).
///
/// Foundation's date formatters are far too slow for millions of lines, and that arithmetic needs no time zone data.
enum UTCTimestamp {
    /// Milliseconds in one day.
    static let millisecondsPerDay: Int64 = 86_400_000

    /// The same wall-clock time `months` calendar months later, the day clamped to the month's length.
    static func addingMonths(_ months: Int, to milliseconds: Int64) -> Int64 {
        let (days, timeOfDay) = splitDays(milliseconds)
        let date = Timestamp.civilFromDays(days)
        let monthIndex = date.year * 12 + (date.month - 1) + months
        let year = monthIndex / 12
        let month = monthIndex % 12 + 1
        let day = min(date.day, daysInMonth(year: year, month: month))
        return Int64(Timestamp.daysFromCivil(year: year, month: month, day: day)) * millisecondsPerDay + timeOfDay
    }

    /// The number of days in a month of the proleptic Gregorian calendar.
    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Whole days since the epoch and the milliseconds into that day, flooring for instants before 1970.
    static func splitDays(_ milliseconds: Int64) -> (days: Int, timeOfDay: Int64) {
        var days = milliseconds / millisecondsPerDay
        var rest = milliseconds % millisecondsPerDay
        if rest < 0 {
            days -= 1
            rest += millisecondsPerDay
        }
        return (Int(days), rest)
    }

    /// `YYYY-MM-DD` as ASCII bytes.
    static func dateText(year: Int, month: Int, day: Int) -> [UInt8] {
        var text: [UInt8] = []
        text.reserveCapacity(10)
        for (value, width) in [(year, 4), (month, 2), (day, 2)] {
            if !text.isEmpty { text.append(UInt8(ascii: "-")) }
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            while divisor > 0 {
                text.append(UInt8(truncatingIfNeeded: value / divisor % 10) + 48)
                divisor /= 10
            }
        }
        return text
    }

    /// Parses an RFC 3339 timestamp (`Z` or `±hh:mm`, optional fraction) into epoch milliseconds, or nil.
    ///
    /// Only the configuration's `start` goes through here, so clarity matters more than speed.
    static func parse(_ text: String) -> Int64? {
        let b = Array(text.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var value = 0
            for i in from..<(from + count) {
                guard b[i] >= 48, b[i] <= 57 else { return nil }
                value = value * 10 + Int(b[i] - 48)
            }
            return value
        }
        func byte(_ i: Int, _ expected: Character...) -> Bool {
            i < b.count && expected.contains(Character(Unicode.Scalar(b[i])))
        }
        guard let year = number(0, 4), byte(4, "-"), let month = number(5, 2), byte(7, "-"),
              let day = number(8, 2), byte(10, "T", "t"), let hour = number(11, 2), byte(13, ":"),
              let minute = number(14, 2), byte(16, ":"), let second = number(17, 2),
              year >= 1, (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month),
              hour < 24, minute < 60, second < 60
        else { return nil }
        var i = 19
        var millis = 0
        if byte(i, ".") {
            i += 1
            var digits = 0
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                if digits < 3 { millis = millis * 10 + Int(b[i] - 48) }
                digits += 1
                i += 1
            }
            guard digits >= 1, digits <= 9 else { return nil }
            if digits < 3 {
                for _ in digits..<3 { millis *= 10 }
            }
        }
        var offsetMinutes = 0
        if byte(i, "Z", "z") {
            i += 1
        } else if byte(i, "+", "-"), let oh = number(i + 1, 2), byte(i + 3, ":"), let om = number(i + 4, 2), oh < 24, om < 60 {
            offsetMinutes = (oh * 60 + om) * (b[i] == UInt8(ascii: "-") ? -1 : 1)
            i += 6
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        let days = Int64(Timestamp.daysFromCivil(year: year, month: month, day: day))
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetMinutes * 60)
        return seconds * 1000 + Int64(millis)
    }
}

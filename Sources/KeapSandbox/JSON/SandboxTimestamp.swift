import Foundation
import LedgerCore

/// RFC 3339 date-times: validation of what clients send and the sandbox's own clock for creation/modification times.
enum SandboxTimestamp {
    /// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` with plausible field ranges.
    static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for index in range {
                guard bytes[index] >= 48, bytes[index] <= 57 else { return nil }
                value = value * 10 + Int(bytes[index] - 48)
            }
            return value
        }
        guard bytes.count >= 20,
              digits(0..<4) != nil, bytes[4] == UInt8(ascii: "-"),
              let month = digits(5..<7), (1...12).contains(month), bytes[7] == UInt8(ascii: "-"),
              let day = digits(8..<10), (1...31).contains(day), bytes[10] == UInt8(ascii: "T"),
              let hour = digits(11..<13), hour < 24, bytes[13] == UInt8(ascii: ":"),
              let minute = digits(14..<16), minute < 60, bytes[16] == UInt8(ascii: ":"),
              let second = digits(17..<19), second < 61
        else { return false }
        var index = 19
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 { index += 1 }
            guard index > start else { return false }
        }
        guard index < bytes.count else { return false }
        if bytes[index] == UInt8(ascii: "Z") { return index + 1 == bytes.count }
        guard bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-"), index + 6 == bytes.count,
              let offsetHours = digits(index + 1..<index + 3), offsetHours < 24, bytes[index + 3] == UInt8(ascii: ":"),
              let offsetMinutes = digits(index + 4..<index + 6), offsetMinutes < 60
        else { return false }
        return true
    }

    /// `YYYY-MM-DD` (`format: date`) with plausible field ranges.
    static func isValidDate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
        func digits(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                guard bytes[index] >= 48, bytes[index] <= 57 else { return nil }
                value = value * 10 + Int(bytes[index] - 48)
            }
            return value
        }
        guard digits(0..<4) != nil, let month = digits(5..<7), (1...12).contains(month), let day = digits(8..<10), (1...31).contains(day)
        else { return false }
        return true
    }

    /// Today's date in UTC, `YYYY-MM-DD` (dates in that form compare correctly as text).
    static func today() -> String {
        String(now().prefix(10))
    }

    /// Now in UTC with seconds and `Z`, the way Keap writes times.
    /// Formatted by hand from the ledger's fixed-width UTC text: a new `ISO8601DateFormatter` per call (ICU) was
    /// ~8 % of the flush benchmark's CPU profile, and the formatter is not safe to share between threads.
    static func now() -> String {
        let utc = Timestamp(epochSeconds: Int64(Date().timeIntervalSince1970.rounded(.down)), nanoseconds: 0).utcText
        return String(utc.prefix(19)) + "Z"
    }
}

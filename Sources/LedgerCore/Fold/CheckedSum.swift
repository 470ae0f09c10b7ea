/// A running Int64 sum that remembers overflow instead of trapping: money arithmetic on untrusted feeds.
struct CheckedSum {
    private(set) var value: Int64
    private(set) var overflowed = false

    init(_ start: Int64 = 0) {
        value = start
    }

    mutating func add(_ amount: Int64) {
        let (sum, overflow) = value.addingReportingOverflow(amount)
        overflowed = overflowed || overflow
        value = sum
    }

    mutating func subtract(_ amount: Int64) {
        let (difference, overflow) = value.subtractingReportingOverflow(amount)
        overflowed = overflowed || overflow
        value = difference
    }

    /// `a × b`, recording overflow in this sum.
    mutating func product(_ a: Int64, _ b: Int64) -> Int64 {
        let (result, overflow) = a.multipliedReportingOverflow(by: b)
        overflowed = overflowed || overflow
        return result
    }
}

import ArgumentParser

/// One numeric option's allowed range. Checked in `validate()`, so a meaningless value is a usage error (exit 64)
/// that names the option, the range and the value found, instead of a hang (`--commit-every 0` committed empty
/// transactions forever) or a trap deep inside a library.
struct NumericOption<Value: Comparable & Sendable>: Sendable {
    let name: String
    let range: ClosedRange<Value>
    /// The range as the message reads it: "1 or more", "0...65535".
    let allowed: String

    /// Throws when `value` lies outside the range; NaN lies outside every range (every comparison with it fails).
    func check(_ value: Value) throws(ValidationError) {
        guard range.contains(value) else { throw ValidationError("\(name) must be \(allowed); found \(value)") }
    }

    /// An absent optional option means its default and is always allowed.
    func check(_ value: Value?) throws(ValidationError) {
        if let value { try check(value) }
    }
}

extension NumericOption where Value: FixedWidthInteger {
    /// From `minimum` up: integers have no meaningless top, only a meaningless bottom.
    init(_ name: String, atLeast minimum: Value) {
        self.init(name: name, range: minimum...Value.max, allowed: "\(minimum) or more")
    }

    init(_ name: String, in range: ClosedRange<Value>) {
        self.init(name: name, range: range, allowed: "\(range.lowerBound)...\(range.upperBound)")
    }
}

extension NumericOption where Value == Double {
    init(_ name: String, in range: ClosedRange<Double>) {
        self.init(name: name, range: range, allowed: "between \(range.lowerBound.formatted) and \(range.upperBound.formatted)")
    }
}

private extension Double {
    /// `1` rather than `1.0` in a message.
    var formatted: String { rounded() == self ? String(Int64(self)) : String(self) }
}

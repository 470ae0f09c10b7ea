import Foundation
import LedgerCore

/// One JSON object of bench output, members in the order they are added (the scripts read keys; people read the
/// order). Decimals are written with a fixed number of places as text, so no float noise reaches the output.
struct BenchReport {
    private var members: [JSONMember] = []

    mutating func add(_ key: String, _ value: Int) {
        members.append(JSONMember(key, .integer(value)))
    }

    mutating func add(_ key: String, _ value: Double, places: Int) {
        let text = value.isFinite ? String(format: "%.\(places)f", value) : "0"
        members.append(JSONMember(key, .number(JSONNumber(text: text))))
    }

    mutating func add(_ key: String, _ value: String) {
        members.append(JSONMember(key, .string(value)))
    }

    mutating func add(_ key: String, _ value: Bool) {
        members.append(JSONMember(key, .bool(value)))
    }

    mutating func add(_ key: String, _ value: BenchReport) {
        members.append(JSONMember(key, .object(JSONObject(members: value.members))))
    }

    var text: String {
        JSONWriter.string(.object(JSONObject(members: members)))
    }
}

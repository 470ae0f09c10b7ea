/// A JSON object with its members in the order they were written (keys are unique: the parser rejects duplicates).
package struct JSONObject: Sendable, Equatable {
    /// Members in source order.
    package var members: [(key: String, value: JSONValue)]

    package init(members: [(key: String, value: JSONValue)] = []) {
        self.members = members
    }

    /// The member's value, or nil when the key is absent. Objects are small, so a linear scan beats hashing.
    package subscript(key: String) -> JSONValue? {
        for member in members where member.key == key {
            return member.value
        }
        return nil
    }

    package static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members.count == rhs.members.count
            && zip(lhs.members, rhs.members).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}

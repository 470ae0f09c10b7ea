/// A JSON object with its members in the order they were written (keys are unique: the parser rejects duplicates).
package struct JSONObject: Sendable, Equatable {
    /// Members in source order.
    package var members: [JSONMember]

    package init(members: [JSONMember] = []) {
        self.members = members
    }

    /// The member's value, or nil when the key is absent. Objects are small, so a linear scan beats hashing.
    package subscript(key: String) -> JSONValue? {
        for member in members where member.key == key {
            return member.value
        }
        return nil
    }

}

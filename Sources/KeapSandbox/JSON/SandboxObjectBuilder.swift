import LedgerCore

/// Builds a response object in schema order, leaving out absent optional members (Keap omits them rather than
/// writing null, and `next_page_token` must be absent on the last page).
struct SandboxObjectBuilder {
    private(set) var members: [JSONMember] = []

    mutating func set(_ key: String, _ value: JSONValue?) {
        guard let value else { return }
        members.append(JSONMember(key, value))
    }

    mutating func set(_ key: String, string: String?) {
        set(key, string.map(JSONValue.string))
    }

    mutating func set(_ key: String, bool: Bool?) {
        set(key, bool.map(JSONValue.bool))
    }

    var value: JSONValue { .object(JSONObject(members: members)) }
}

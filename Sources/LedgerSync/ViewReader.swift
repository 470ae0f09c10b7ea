import LedgerCore

/// Reads members of a KeapView object. Views are built by `KeapView` in this program, so a missing or mistyped
/// member is a bug (or a confirmed state written by an older version): it reads as absent, never traps.
struct ViewReader {
    let object: JSONObject

    init(_ value: JSONValue) {
        if case .object(let object) = value { self.object = object } else { self.object = JSONObject() }
    }

    func string(_ key: String) -> String? {
        if case .string(let text)? = object[key] { text } else { nil }
    }

    /// A number member as its literal text (decimal money keeps its scale).
    func numberText(_ key: String) -> String? {
        switch object[key] {
        case .number(let number)?: number.text
        case .string(let text)?: text
        default: nil
        }
    }

    func integer(_ key: String) -> Int64? {
        if case .number(let number)? = object[key] { Int64(number.text) } else { nil }
    }

    func bool(_ key: String) -> Bool? {
        if case .bool(let flag)? = object[key] { flag } else { nil }
    }

    func array(_ key: String) -> [ViewReader] {
        if case .array(let values)? = object[key] { values.map(ViewReader.init) } else { [] }
    }

    /// An object of string-or-null members, in order.
    func textMembers(_ key: String) -> [(key: String, value: String?)] {
        guard case .object(let members)? = object[key] else { return [] }
        return members.members.map { member in
            if case .string(let text) = member.value { (member.key, text) } else { (member.key, nil) }
        }
    }
}

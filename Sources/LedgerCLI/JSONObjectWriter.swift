/// Builds one JSON object with keys in a fixed order, for `--json` output that scripts parse.
struct JSONObjectWriter {
    private var members: [String] = []

    mutating func add(_ key: String, _ value: Int) { members.append(Self.quote(key) + ":" + String(value)) }
    mutating func add(_ key: String, _ value: Int64?) {
        members.append(Self.quote(key) + ":" + (value.map { String($0) } ?? "null"))
    }
    mutating func add(_ key: String, _ value: Double) {
        members.append(Self.quote(key) + ":" + (value.isFinite ? String(value) : "null"))
    }
    mutating func add(_ key: String, _ value: Bool) { members.append(Self.quote(key) + ":" + (value ? "true" : "false")) }
    mutating func add(_ key: String, _ value: String?) {
        members.append(Self.quote(key) + ":" + (value.map(Self.quote) ?? "null"))
    }
    mutating func add(_ key: String, _ values: [String]) {
        members.append(Self.quote(key) + ":[" + values.map(Self.quote).joined(separator: ",") + "]")
    }

    mutating func add(_ key: String, _ object: JSONObjectWriter) { members.append(Self.quote(key) + ":" + object.text) }
    mutating func add(_ key: String, _ objects: [JSONObjectWriter]) {
        members.append(Self.quote(key) + ":[" + objects.map(\.text).joined(separator: ",") + "]")
    }

    /// The object as one line.
    var text: String { "{" + members.joined(separator: ",") + "}" }

    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

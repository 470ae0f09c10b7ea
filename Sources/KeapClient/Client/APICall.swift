import LedgerCore

/// One Keap REST call before it is sent: method, path below the base URL, query, body. Building the URL here keeps
/// the encoding rules in one place.
struct APICall: Sendable {
    let method: String
    /// Below the base URL, starting with `/v2/`; path segments already escaped (`pathSegment`).
    let path: String
    /// Name/value pairs in order; a name may repeat (`update_mask=a&update_mask=b`).
    var query: [(name: String, value: String)] = []
    var body: JSONValue? = nil

    /// Path plus the percent-encoded query, as sent and as reported in errors (no host, never headers).
    var pathAndQuery: String {
        guard !query.isEmpty else { return path }
        let pairs = query.map { Self.percentEncoded($0.name) + "=" + Self.percentEncoded($0.value) }
        return path + "?" + pairs.joined(separator: "&")
    }

    /// The `update_mask` parameters: repeated, the OpenAPI default for an array query parameter (form, explode).
    static func updateMask(_ fields: [String]) -> [(name: String, value: String)] {
        fields.map { (name: "update_mask", value: $0) }
    }

    /// An id (or other value) as one path segment.
    static func pathSegment(_ text: String) -> String {
        percentEncoded(text)
    }

    /// Everything but RFC 3986 unreserved characters is escaped, so filter values (`==`, `;`, `@`, `*`, `,`, `+`,
    /// spaces) reach Keap literally: `sku==A;B` → `sku%3D%3DA%3BB`.
    static func percentEncoded(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                 UInt8(ascii: "~"):
                output.append(byte)
            default:
                output.append(UInt8(ascii: "%"))
                output.append(HexDigits.digit(byte >> 4, uppercase: true))
                output.append(HexDigits.digit(byte & 0x0F, uppercase: true))
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}

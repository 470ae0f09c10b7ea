import LedgerCore

/// Keap's error body `{code, message, status, details}`. Read leniently: the schema types `code` as an integer but a
/// 429 sends it as a string (`"429"`), and proxies may answer with HTML; nothing here may turn an error into another.
struct KeapErrorBody: Equatable {
    var code: String?
    var message: String?
    var status: String?

    /// Nil when the body is not a JSON object.
    init?(body: [UInt8]) {
        guard !body.isEmpty, case .object(let object)? = try? JSONParser.parse(body) else { return nil }
        code = Self.text(object["code"])
        message = Self.text(object["message"])
        status = Self.text(object["status"])
    }

    private static func text(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text)?: text.isEmpty ? nil : text
        case .number(let number)?: number.text
        default: nil
        }
    }

    /// The text for `KeapCallError.message`: Keap's message when there is one.
    static func message(for response: HTTPResponse) -> String {
        if let body = KeapErrorBody(body: response.body) {
            if let message = body.message { return message }
            if let status = body.status { return status }
            if let code = body.code { return "error code \(code)" }
        }
        return response.body.isEmpty
            ? "HTTP \(response.status) with an empty body"
            : "HTTP \(response.status) with a body that is not a Keap error (\(response.body.count) bytes)"
    }
}

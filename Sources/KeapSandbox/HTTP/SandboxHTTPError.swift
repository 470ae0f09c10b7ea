import LedgerCore

/// A refusal answered with Keap's `Error` schema `{code, message, status}`. Messages name fields and values the
/// client sent, never headers (so never a credential).
struct SandboxHTTPError: Error, Sendable {
    let status: Int
    let message: String

    static func badRequest(_ message: String) -> SandboxHTTPError { SandboxHTTPError(status: 400, message: message) }
    static func notFound(_ message: String) -> SandboxHTTPError { SandboxHTTPError(status: 404, message: message) }

    /// The `Error` body. `status` follows the Google API status names Keap v2 uses.
    var body: JSONValue {
        .object([
            "code": .integer(status),
            "message": .string(message),
            "status": .string(SandboxHTTPError.statusName(status)),
        ])
    }

    static func statusName(_ status: Int) -> String {
        switch status {
        case 400: "INVALID_ARGUMENT"
        case 401: "UNAUTHENTICATED"
        case 403: "PERMISSION_DENIED"
        case 404: "NOT_FOUND"
        case 405: "METHOD_NOT_ALLOWED"
        case 409: "ALREADY_EXISTS"
        case 501: "NOT_IMPLEMENTED"
        default: "INTERNAL"
        }
    }
}

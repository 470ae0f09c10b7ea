import LedgerCore

/// A refusal of the token endpoint, in the OAuth2 shape Keap's `/token` uses (RFC 6749 5.2): `{"error": "invalid_grant",
/// "error_description": "…"}`, not the REST API's `{code, message, status}`.
struct SandboxOAuthError: Error, Sendable {
    let status: Int
    let error: String
    let detail: String

    static func invalidRequest(_ detail: String) -> SandboxOAuthError { SandboxOAuthError(status: 400, error: "invalid_request", detail: detail) }
    static func invalidGrant(_ detail: String) -> SandboxOAuthError { SandboxOAuthError(status: 400, error: "invalid_grant", detail: detail) }
    static func invalidClient(_ detail: String) -> SandboxOAuthError { SandboxOAuthError(status: 401, error: "invalid_client", detail: detail) }

    /// No `WWW-Authenticate` on the 401: FoundationNetworking's URLSession treats a Basic challenge as one to answer
    /// and holds the request until it times out, so a refused client would look like a lost answer.
    var reply: SandboxReply {
        SandboxReply(status: status, json: .object(["error": .string(error), "error_description": .string(detail)]))
    }
}

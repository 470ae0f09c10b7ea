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

    /// A 401 carries `WWW-Authenticate: Basic`, as RFC 6749 5.2 requires when the client authenticated with Basic.
    /// (FoundationNetworking's URLSession would hold such a request forever without the client's challenge delegate.)
    var reply: SandboxReply {
        var reply = SandboxReply(status: status, json: .object(["error": .string(error), "error_description": .string(detail)]))
        if status == 401 { reply.headers.append((name: "WWW-Authenticate", value: #"Basic realm="keap""#)) }
        return reply
    }
}

/// How the client proves who it is to Keap: a Service Account Key, a fixed OAuth2 access token, or OAuth2 tokens kept
/// fresh from a token file.
package enum KeapCredentials: Sendable, CustomStringConvertible {
    /// Service Account Key, sent as `X-Keap-API-Key`.
    case apiKey(KeapSecret)
    /// OAuth2 access token, sent as `Authorization: Bearer …`, used as given (it dies with its expiry).
    case accessToken(KeapSecret)
    /// OAuth2 with refresh: the bearer comes from the token file and is refreshed (rotating the refresh token) by the
    /// client's `KeapTokenRefresher`.
    case oauth(KeapOAuthSettings)

    /// The header that carries a fixed secret; nil for `.oauth`, whose bearer changes and is asked for per request.
    /// Called only while building the outgoing request, never for output.
    var fixedAuthorizationHeader: (name: String, value: String)? {
        switch self {
        case .apiKey(let secret): ("X-Keap-API-Key", secret.valueForAuthorizationHeader)
        case .accessToken(let secret): ("Authorization", "Bearer " + secret.valueForAuthorizationHeader)
        case .oauth: nil
        }
    }

    /// The secrets known from the configuration alone, so that messages echoed from a server can be scrubbed of them
    /// (the refresher adds the tokens it reads and receives).
    var configuredSecrets: [String] {
        switch self {
        case .apiKey(let secret), .accessToken(let secret): [secret.valueForAuthorizationHeader]
        case .oauth(let settings): [settings.clientSecret.valueForAuthorizationHeader]
        }
    }

    package var description: String {
        switch self {
        case .apiKey: "apiKey(<redacted>)"
        case .accessToken: "accessToken(<redacted>)"
        case .oauth(let settings): settings.description
        }
    }
}

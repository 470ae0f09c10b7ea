/// How the client proves who it is to Keap: a Service Account Key or an OAuth2 access token.
package enum KeapCredentials: Sendable, CustomStringConvertible {
    /// Service Account Key, sent as `X-Keap-API-Key`.
    case apiKey(KeapSecret)
    /// OAuth2 access token, sent as `Authorization: Bearer …`.
    case accessToken(KeapSecret)

    /// The header that carries the secret. Called only while building the outgoing request, never for output.
    var authorizationHeader: (name: String, value: String) {
        switch self {
        case .apiKey(let secret): ("X-Keap-API-Key", secret.valueForAuthorizationHeader)
        case .accessToken(let secret): ("Authorization", "Bearer " + secret.valueForAuthorizationHeader)
        }
    }

    /// The secret itself, so that messages echoed from a server can be scrubbed of it.
    var secret: KeapSecret {
        switch self {
        case .apiKey(let secret), .accessToken(let secret): secret
        }
    }

    package var description: String {
        switch self {
        case .apiKey: "apiKey(<redacted>)"
        case .accessToken: "accessToken(<redacted>)"
        }
    }
}

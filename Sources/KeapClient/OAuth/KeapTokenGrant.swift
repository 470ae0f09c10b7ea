/// What the token endpoint is asked for: the first tokens of an authorization, or the next pair for a refresh token.
package enum KeapTokenGrant: Sendable, CustomStringConvertible {
    /// The code from Keap's redirect after the user approved the app (single use, minutes long).
    case authorizationCode(code: KeapSecret, redirectURI: String)
    /// A refresh token; Keap rotates it, so after a successful call it no longer works.
    case refreshToken(KeapSecret)

    package var description: String {
        switch self {
        case .authorizationCode: "authorization_code"
        case .refreshToken: "refresh_token"
        }
    }
}

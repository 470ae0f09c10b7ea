/// What the client needs to keep an OAuth2 connection alive on its own: the app's client credentials, the token
/// endpoint and the file that holds the current tokens (cli.md: KEAP_CLIENT_ID, KEAP_CLIENT_SECRET, KEAP_TOKEN_FILE,
/// KEAP_TOKEN_URL). The tokens themselves are not here: they rotate, so the file is their only home.
package struct KeapOAuthSettings: Sendable, CustomStringConvertible {
    /// Keap's token endpoint, for both the authorization-code exchange and the refresh.
    package static let defaultTokenURL = "https://api.infusionsoft.com/token"

    package var clientID: String
    package var clientSecret: KeapSecret
    /// Path of the token file (JSON, mode 0600); `<tokenFile>.lock` is the refreshers' lock file.
    package var tokenFile: String
    package var tokenURL: String

    package init(clientID: String, clientSecret: KeapSecret, tokenFile: String, tokenURL: String = defaultTokenURL) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.tokenFile = tokenFile
        self.tokenURL = tokenURL
    }

    /// The client id is not a secret (it appears in Keap's authorize URL), the client secret is.
    package var description: String {
        "oauth(client \(clientID), secret <redacted>, token file \(tokenFile), token URL \(tokenURL))"
    }
}

extension KeapOAuthSettings {
    /// What an operator does when the tokens are gone for good: a new authorization writes a new file.
    package static func reauthorizeInstruction(tokenFile: String) -> String {
        "re-authorize: get a new authorization code from Keap and run `keap-ledger keap auth --code CODE --redirect-uri URI` "
            + "(or pipe a new refresh token into `keap-ledger keap auth --refresh-token-stdin`); either writes \(tokenFile)"
    }
}

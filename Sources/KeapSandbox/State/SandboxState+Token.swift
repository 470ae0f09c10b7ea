import LedgerCore

/// `POST /token`: Keap's OAuth2 token endpoint, both grants. Client authentication by `Authorization: Basic` or by
/// `client_id`/`client_secret` in the body, never both (RFC 6749 2.3.1); refresh tokens rotate, and a used one is
/// refused with `invalid_grant`. Not subject to the REST rate limit or the fault plan, which model the API gateway;
/// `dropAnswers` covers the one failure that matters here (a refresh applied whose answer is lost).
extension SandboxState {
    func token(_ request: SandboxRequest) -> SandboxReply {
        var reply: SandboxReply
        var grantType = "unknown"
        do {
            (grantType, reply) = try grant(request)
            counters.tokenGrants[grantType, default: 0] += 1
            if oauth.dropAnswers > 0 {
                oauth.dropAnswers -= 1
                reply.disposition = .drop
            }
        } catch {
            counters.tokenRefusals += 1
            reply = error.reply
        }
        log(request, status: reply.disposition == .drop ? nil : reply.status, fault: reply.disposition == .drop ? "dropAfterApply" : nil)
        return reply
    }

    private func grant(_ request: SandboxRequest) throws(SandboxOAuthError) -> (String, SandboxReply) {
        guard request.method == "POST" else {
            throw SandboxOAuthError(status: 405, error: "invalid_request", detail: "\(request.method) is not allowed on /token")
        }
        guard request.contentType?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true else {
            throw .invalidRequest("Content-Type must be application/x-www-form-urlencoded")
        }
        let form = try SandboxForm(request.body)
        try authenticateClient(request, form)
        let now = ContinuousClock.now
        let grantType = try form.required("grant_type")
        switch grantType {
        case "authorization_code":
            let code = try form.required("code")
            let redirectURI = try form.required("redirect_uri")
            guard let issuedFor = oauth.codes[code] else { throw .invalidGrant("Invalid authorization code") }
            guard issuedFor == redirectURI else { throw .invalidGrant("redirect_uri does not match the authorization request") }
            oauth.codes[code] = nil
        case "refresh_token":
            let refresh = try form.required("refresh_token")
            guard oauth.refreshTokens.contains(refresh) else {
                throw .invalidGrant(oauth.usedRefreshTokens.contains(refresh) ? "Invalid refresh token (already used)" : "Invalid refresh token")
            }
            oauth.refreshTokens.remove(refresh)
            oauth.usedRefreshTokens.insert(refresh)
        default:
            throw SandboxOAuthError(status: 400, error: "unsupported_grant_type", detail: "grant_type \(grantType) is not supported")
        }
        let issued = oauth.issue(lifetime: configuration.accessTokenLifetime, now: now)
        let body = JSONValue.object([
            "access_token": .string(issued.access),
            "token_type": .string("bearer"),
            "expires_in": .integer(Int(configuration.accessTokenLifetime.components.seconds)),
            "refresh_token": .string(issued.refresh),
            "scope": .string("full|sandbox.infusionsoft.com"),
        ])
        return (grantType, SandboxReply(status: 200, json: body))
    }

    private func authenticateClient(_ request: SandboxRequest, _ form: SandboxForm) throws(SandboxOAuthError) {
        let inBody = form["client_secret"] != nil
        let clientID: String
        let secret: String
        switch request.credential {
        case .basic(let id, let password):
            guard !inBody else { throw .invalidRequest("client authenticated both by Basic and in the body: use one") }
            (clientID, secret) = (id, password)
        case .none:
            guard inBody, let id = form["client_id"], let password = form["client_secret"] else {
                throw .invalidClient("client authentication failed: send Authorization: Basic or client_id and client_secret")
            }
            (clientID, secret) = (id, password)
        case .apiKey, .bearer:
            throw .invalidClient("the token endpoint takes client credentials, not an API key or a bearer token")
        }
        guard !configuration.oauthClientID.isEmpty, clientID == configuration.oauthClientID,
              secret == configuration.oauthClientSecret else {
            throw .invalidClient("client authentication failed")
        }
    }
}

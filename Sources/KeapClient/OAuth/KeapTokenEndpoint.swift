import Foundation
import LedgerCore

/// Keap's OAuth2 token endpoint (`POST https://api.infusionsoft.com/token`, form-encoded). As Keap documents it: the
/// authorization-code exchange sends `client_id` and `client_secret` in the body; the refresh authenticates the
/// client with `Authorization: Basic base64(client_id:client_secret)`. Every failure comes back as a `KeapCallError`
/// whose message says what the operator should do, scrubbed of every secret.
package struct KeapTokenEndpoint: Sendable {
    package let settings: KeapOAuthSettings
    private let transport: any HTTPTransport
    private let scrubber: KeapSecretScrubber
    /// Current time, for `expires_at` (a parameter so tests of the file format need not wait).
    private let now: @Sendable () -> Date

    package init(settings: KeapOAuthSettings, transport: any HTTPTransport, scrubber: KeapSecretScrubber,
                 now: @escaping @Sendable () -> Date = { Date() }) {
        self.settings = settings
        self.transport = transport
        self.scrubber = scrubber
        self.now = now
        scrubber.add(settings.clientSecret.valueForAuthorizationHeader)
        scrubber.add(basicCredentials)
    }

    /// `base64(client_id:client_secret)`: as much a secret as the client secret itself.
    private var basicCredentials: String {
        Data((settings.clientID + ":" + settings.clientSecret.valueForAuthorizationHeader).utf8).base64EncodedString()
    }

    /// Sends one grant and returns the new tokens. Never retried here: a refresh that may have reached Keap may have
    /// used up the refresh token, and sending it again would only hide that.
    package func request(_ grant: KeapTokenGrant) async throws(KeapCallError) -> KeapTokenSet {
        var form: [(String, String)]
        var headers = ["Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded"]
        switch grant {
        case .authorizationCode(let code, let redirectURI):
            scrubber.add(code.valueForAuthorizationHeader)
            form = [("grant_type", "authorization_code"), ("code", code.valueForAuthorizationHeader),
                    ("redirect_uri", redirectURI), ("client_id", settings.clientID),
                    ("client_secret", settings.clientSecret.valueForAuthorizationHeader)]
        case .refreshToken(let token):
            scrubber.add(token.valueForAuthorizationHeader)
            form = [("grant_type", "refresh_token"), ("refresh_token", token.valueForAuthorizationHeader)]
            headers["Authorization"] = "Basic " + basicCredentials
        }
        let body = form.map { APICall.percentEncoded($0.0) + "=" + APICall.percentEncoded($0.1) }.joined(separator: "&")
        let sentAt = now()
        let response: HTTPResponse
        do {
            response = try await transport.send(HTTPRequest(method: "POST", url: settings.tokenURL, headers: headers, body: Array(body.utf8)))
        } catch {
            if error.kind == .cannotConnect {
                throw failure(.retryable, nil, "cannot reach the token endpoint (\(error.description)); nothing was sent and \(settings.tokenFile) is unchanged")
            }
            throw unknownOutcome(grant, nil, "no answer from the token endpoint (\(error.description))")
        }
        switch response.status {
        case 200:
            do {
                let tokens = try Self.tokens(from: response.body, issuedAt: sentAt)
                scrubber.add(tokens.accessToken.valueForAuthorizationHeader)
                scrubber.add(tokens.refreshToken.valueForAuthorizationHeader)
                return tokens
            } catch {
                throw unknownOutcome(grant, 200, "unreadable answer from the token endpoint: \(error.reason)")
            }
        case 429:
            throw failure(.retryable, 429, "the token endpoint is throttling (not applied); try again later")
        case 400..<500:
            throw refused(grant, response)
        default:
            throw unknownOutcome(grant, response.status, "the token endpoint answered HTTP \(response.status)")
        }
    }

    /// Keap's answer `{access_token, refresh_token, expires_in, token_type, scope}`. A missing `refresh_token` keeps
    /// nothing: RFC 6749 lets a server omit it, but Keap always rotates, so an answer without one is not understood.
    static func tokens(from body: [UInt8], issuedAt: Date) throws(KeapDecodeError) -> KeapTokenSet {
        let object = try JSONObject.root(body, context: "token")
        let access = try object.requiredString("access_token", in: "token")
        let refresh = try object.requiredString("refresh_token", in: "token")
        let expiresIn = try object.integer("expires_in", in: "token")
        guard !access.isEmpty, !refresh.isEmpty, KeapTokenSet.isHeaderSafe(access), KeapTokenSet.isHeaderSafe(refresh) else {
            throw KeapDecodeError("token.access_token or token.refresh_token is empty or has control characters")
        }
        guard expiresIn > 0 else { throw KeapDecodeError("token.expires_in is missing or not positive") }
        if case .string(let type)? = object["token_type"], type.lowercased() != "bearer" {
            throw KeapDecodeError("token.token_type is \(type), expected bearer")
        }
        // Counted from when the request left, so the stored expiry is never later than Keap's.
        return KeapTokenSet(accessToken: KeapSecret(access), refreshToken: KeapSecret(refresh),
                            expiresAt: issuedAt.addingTimeInterval(Double(expiresIn)))
    }

    /// 4xx: Keap read the request and said no; nothing changed on its side.
    private func refused(_ grant: KeapTokenGrant, _ response: HTTPResponse) -> KeapCallError {
        var error: String?
        var detail = KeapErrorBody.message(for: response)
        if case .object(let object)? = try? JSONParser.parse(response.body) {
            if case .string(let code)? = object["error"] { error = code }
            if case .string(let text)? = object["error_description"] { detail = text }
            if let error { detail = "\(error): \(detail)" }
        }
        // RFC 6749 §5.2: a client that authenticated with Basic and failed gets 401 (with a challenge, whose body the
        // transport cannot keep): that is `invalid_client` too.
        if error == "invalid_client" || error == "unauthorized_client" || (error == nil && response.status == 401) {
            return failure(.authentication, response.status,
                           "Keap refused the client credentials (\(detail)); check KEAP_CLIENT_ID and KEAP_CLIENT_SECRET")
        }
        let what = switch grant {
        case .authorizationCode: "the authorization code"
        case .refreshToken: "the refresh token in \(settings.tokenFile)"
        }
        return failure(.authentication, response.status,
                       "Keap refused \(what) (\(detail)); " + KeapOAuthSettings.reauthorizeInstruction(tokenFile: settings.tokenFile))
    }

    /// The request may have been applied: a refresh token may now be used up (and an authorization code certainly is).
    private func unknownOutcome(_ grant: KeapTokenGrant, _ status: Int?, _ what: String) -> KeapCallError {
        let consequence = switch grant {
        case .authorizationCode: "the authorization code may be used up"
        case .refreshToken: "Keap may have rotated the refresh token, so the one in \(settings.tokenFile) may no longer work"
        }
        return failure(.authentication, status,
                       "\(what): \(consequence); " + KeapOAuthSettings.reauthorizeInstruction(tokenFile: settings.tokenFile))
    }

    private func failure(_ kind: KeapCallError.Kind, _ status: Int?, _ message: String) -> KeapCallError {
        KeapCallError(kind: kind, method: "POST", path: Self.pathOf(settings.tokenURL), status: status, message: scrubber.scrub(message))
    }

    /// The URL without scheme and host, as `KeapCallError.path` is for API calls.
    static func pathOf(_ url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        let rest = url[scheme.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return "/" }
        return String(rest[slash...])
    }
}

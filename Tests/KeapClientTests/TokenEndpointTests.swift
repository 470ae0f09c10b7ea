import Foundation
import KeapClient
import Testing

/// What goes on the wire to the token endpoint and how each answer is classified. A scripted transport, because the
/// sandbox never echoes secrets or answers 5xx on /token; the sandbox tests cover the real exchanges.
@Suite("OAuth2 token endpoint requests and answers")
struct TokenEndpointTests {
    static let clientSecret = "cs-WIRE-SECRET-77"
    static let refresh = "rt-WIRE-SECRET-88"
    static let settings = KeapOAuthSettings(clientID: "app-9", clientSecret: KeapSecret(clientSecret),
                                            tokenFile: "/tmp/never-written.json", tokenURL: "https://api.infusionsoft.com/token")
    static let okBody = #"{"access_token":"at-NEW","token_type":"bearer","expires_in":86400,"refresh_token":"rt-NEW","scope":"full|ab123.infusionsoft.com"}"#

    static func run(_ steps: [ScriptedTransport.Step], _ grant: KeapTokenGrant) async -> (Result<KeapTokenSet, KeapCallError>, ScriptedTransport) {
        let transport = ScriptedTransport(steps)
        let endpoint = KeapTokenEndpoint(settings: settings, transport: transport, scrubber: KeapSecretScrubber())
        do {
            return (.success(try await endpoint.request(grant)), transport)
        } catch {
            return (.failure(error), transport)
        }
    }

    @Test("a refresh is a form POST with Basic client authentication, as Keap documents it")
    func refreshRequest() async throws {
        let (result, transport) = await Self.run([.answer(.json(200, Self.okBody))], .refreshToken(KeapSecret(Self.refresh)))
        let tokens = try result.get()
        #expect(tokens.accessToken.valueForAuthorizationHeader == "at-NEW")
        #expect(tokens.refreshToken.valueForAuthorizationHeader == "rt-NEW")
        #expect(abs(tokens.expiresAt.timeIntervalSinceNow - 86_400) < 60)
        let request = try #require(transport.requests.first)
        #expect(request.method == "POST")
        #expect(request.url == "https://api.infusionsoft.com/token")
        #expect(request.headers["Content-Type"] == "application/x-www-form-urlencoded")
        #expect(request.headers["Authorization"] == "Basic " + Data("app-9:\(Self.clientSecret)".utf8).base64EncodedString())
        #expect(String(decoding: request.body, as: UTF8.self) == "grant_type=refresh_token&refresh_token=\(Self.refresh)")
        #expect(!"\(request)".contains(Self.refresh) && !"\(request)".contains("Basic"))
    }

    @Test("a code exchange sends the client credentials in the body")
    func codeRequest() async throws {
        let (result, transport) = await Self.run([.answer(.json(200, Self.okBody))],
                                                 .authorizationCode(code: KeapSecret("c/1 2"), redirectURI: "https://x.example/cb?a=1"))
        _ = try result.get()
        let request = try #require(transport.requests.first)
        #expect(request.headers["Authorization"] == nil)
        #expect(String(decoding: request.body, as: UTF8.self)
            == "grant_type=authorization_code&code=c%2F1%202&redirect_uri=https%3A%2F%2Fx.example%2Fcb%3Fa%3D1&client_id=app-9&client_secret=\(Self.clientSecret)")
    }

    @Test("secrets echoed by the token endpoint are scrubbed from the error")
    func echoScrubbed() async {
        let echo = #"{"error":"invalid_grant","error_description":"refresh token \#(Self.refresh) for client app-9 secret \#(Self.clientSecret) is invalid"}"#
        let (result, _) = await Self.run([.answer(.json(400, echo))], .refreshToken(KeapSecret(Self.refresh)))
        guard case .failure(let error) = result else { Issue.record("expected a failure"); return }
        #expect(error.kind == .authentication)
        #expect(error.message.contains("invalid_grant: refresh token <redacted> for client app-9 secret <redacted> is invalid"))
        #expect(!error.description.contains(Self.refresh) && !error.description.contains(Self.clientSecret))
    }

    @Test("each answer's kind: unreachable is retryable, throttled is retryable, lost or 5xx is possibly rotated")
    func classification() async {
        let rows: [(ScriptedTransport.Step, KeapCallError.Kind, String)] = [
            (.fail(.cannotConnect), .retryable, "nothing was sent"),
            (.answer(.json(429, #"{"code":"429"}"#)), .retryable, "throttling"),
            (.fail(.timedOut), .authentication, "may have rotated"),
            (.fail(.connectionLost), .authentication, "may have rotated"),
            (.answer(.json(502, "")), .authentication, "may have rotated"),
            (.answer(.json(200, "{}")), .authentication, "may have rotated"),
            (.answer(.json(401, #"{"error":"invalid_client","error_description":"bad client"}"#)), .authentication, "KEAP_CLIENT_ID and KEAP_CLIENT_SECRET"),
            (.answer(.json(400, #"{"error":"invalid_request","error_description":"Invalid Refresh Token"}"#)), .authentication, "keap-ledger keap auth"),
        ]
        for (step, kind, phrase) in rows {
            let (result, transport) = await Self.run([step], .refreshToken(KeapSecret(Self.refresh)))
            guard case .failure(let error) = result else { Issue.record("expected a failure for \(step)"); continue }
            #expect(error.kind == kind, "\(step)")
            #expect(error.message.contains(phrase), "\(step): \(error.message)")
            #expect(transport.requests.count == 1, "never re-sent by the endpoint")
        }
    }
}

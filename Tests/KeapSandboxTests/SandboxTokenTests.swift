import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import KeapSandbox
import LedgerCore
import LedgerTestSupport
import Testing

/// The sandbox's `POST /token`, spoken to by hand over HTTP: both grants, strict client authentication, rotation, and
/// its bearer tokens on the API.
@Suite(.awaitedTeardown) struct SandboxTokenTests {
    static let secret = "cs-SANDBOX-SECRET-41"
    static let redirect = "https://shop.example/cb"

    static func start() async throws -> SandboxFixture {
        try await SandboxFixture.start(KeapSandboxConfiguration(apiKey: "k-1", oauthClientID: "app", oauthClientSecret: secret))
    }

    /// A form POST to /token; `basic` as (id, secret), `contentType` overridable to test the refusal. Sent over a bare
    /// socket: a 401 carries `WWW-Authenticate: Basic` (RFC 6749 5.2), which URLSession on Linux turns into a
    /// challenge that withholds the body (and, without the client's delegate, never completes).
    static func token(_ fixture: SandboxFixture, _ form: String, basic: (String, String)? = ("app", secret),
                      contentType: String = "application/x-www-form-urlencoded") async throws -> SandboxHTTPClient.Answer {
        var head = "POST /token HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: \(contentType)\r\n"
        if let basic {
            head += "Authorization: Basic " + Data("\(basic.0):\(basic.1)".utf8).base64EncodedString() + "\r\n"
        }
        let socket = try RawHTTPConnection(port: fixture.sandbox.port)
        defer { socket.close() }
        let raw = try socket.exchange(head + "Content-Length: \(form.utf8.count)\r\n\r\n" + form)
        let parts = raw.components(separatedBy: "\r\n\r\n")
        let lines = parts[0].components(separatedBy: "\r\n")
        let status = Int(lines[0].split(separator: " ")[1]) ?? 0
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return SandboxHTTPClient.Answer(status: status, headers: headers, text: parts.dropFirst().joined(separator: "\r\n\r\n"))
    }

    static func code(_ fixture: SandboxFixture) async -> String {
        await fixture.sandbox.authorizationCode(redirectURI: redirect)
    }

    static func encoded(_ text: String) -> String { SandboxHTTPClient.encode(text) }

    @Test func codeExchangeIssuesTokensOnceAndOnlyForItsRedirect() async throws {
        let fixture = try await Self.start()
        await AwaitedTeardown.add { await fixture.stop() }
        let code = await Self.code(fixture)
        let wrongRedirect = try await Self.token(fixture, "grant_type=authorization_code&code=\(code)&redirect_uri=\(Self.encoded("https://evil.example/cb"))")
        #expect(wrongRedirect.status == 400)
        #expect(wrongRedirect.json?["error"]?.string == "invalid_grant")

        // Keap's documented form: client credentials in the body.
        let form = "grant_type=authorization_code&code=\(code)&redirect_uri=\(Self.encoded(Self.redirect))&client_id=app&client_secret=\(Self.secret)"
        let issued = try await Self.token(fixture, form, basic: nil)
        #expect(issued.status == 200, "\(issued.text)")
        #expect(issued.json?["token_type"]?.string == "bearer")
        #expect(issued.json?["expires_in"]?.numberText == "86400")
        let access = try #require(issued.json?["access_token"]?.string)
        #expect(issued.json?["refresh_token"]?.string != nil)

        let reused = try await Self.token(fixture, form, basic: nil)
        #expect(reused.status == 400)
        #expect(reused.json?["error"]?.string == "invalid_grant")

        var bearer = fixture.client
        bearer.apiKey = nil
        bearer.bearer = access
        #expect(try await bearer.send("GET", "/v2/orders").status == 200)
        #expect(await fixture.sandbox.snapshot().counters.tokenGrants == ["authorization_code": 1])
    }

    @Test func refreshRotatesAndRefusesTheUsedToken() async throws {
        let fixture = try await Self.start()
        await AwaitedTeardown.add { await fixture.stop() }
        let code = await Self.code(fixture)
        let first = try await Self.token(fixture, "grant_type=authorization_code&code=\(code)&redirect_uri=\(Self.encoded(Self.redirect))")
        let refresh = try #require(first.json?["refresh_token"]?.string)

        let second = try await Self.token(fixture, "grant_type=refresh_token&refresh_token=\(refresh)")
        #expect(second.status == 200, "\(second.text)")
        let rotated = try #require(second.json?["refresh_token"]?.string)
        #expect(rotated != refresh)

        let again = try await Self.token(fixture, "grant_type=refresh_token&refresh_token=\(refresh)")
        #expect(again.status == 400)
        #expect(again.json?["error"]?.string == "invalid_grant")
        #expect(again.json?["error_description"]?.string?.contains("already used") == true)
        #expect(try await Self.token(fixture, "grant_type=refresh_token&refresh_token=\(rotated)").status == 200)
        let counters = await fixture.sandbox.snapshot().counters
        #expect(counters.tokenGrants["refresh_token"] == 2)
        #expect(counters.tokenRefusals == 1)
    }

    @Test func clientAuthenticationIsStrict() async throws {
        let fixture = try await Self.start()
        await AwaitedTeardown.add { await fixture.stop() }
        let code = await Self.code(fixture)
        let form = "grant_type=authorization_code&code=\(code)&redirect_uri=\(Self.encoded(Self.redirect))"
        let wrongSecret = try await Self.token(fixture, form, basic: ("app", "nope"))
        #expect(wrongSecret.status == 401)
        #expect(wrongSecret.json?["error"]?.string == "invalid_client")
        #expect(wrongSecret.headers["www-authenticate"] == #"Basic realm="keap""#)
        #expect(try await Self.token(fixture, form, basic: nil).status == 401)
        let both = try await Self.token(fixture, form + "&client_id=app&client_secret=\(Self.secret)")
        #expect(both.status == 400)
        #expect(both.json?["error"]?.string == "invalid_request")
        let json = try await Self.token(fixture, form, contentType: "application/json")
        #expect(json.status == 400)
        let twice = try await Self.token(fixture, form + "&grant_type=refresh_token")
        #expect(twice.status == 400)
        let unknownGrant = try await Self.token(fixture, "grant_type=password&username=a&password=b")
        #expect(unknownGrant.json?["error"]?.string == "unsupported_grant_type")
        // The code survived all the refusals.
        #expect(try await Self.token(fixture, form).status == 200)
    }

    @Test func expiredAccessTokensGet401AndNoTokenReachesTheDump() async throws {
        let fixture = try await SandboxFixture.start(KeapSandboxConfiguration(
            apiKey: "k-1", oauthClientID: "app", oauthClientSecret: Self.secret, accessTokenLifetime: .seconds(3600)))
        await AwaitedTeardown.add { await fixture.stop() }
        let code = await Self.code(fixture)
        let issued = try await Self.token(fixture, "grant_type=authorization_code&code=\(code)&redirect_uri=\(Self.encoded(Self.redirect))")
        #expect(issued.json?["expires_in"]?.numberText == "3600")
        let access = try #require(issued.json?["access_token"]?.string)
        let refresh = try #require(issued.json?["refresh_token"]?.string)
        var bearer = fixture.client
        bearer.apiKey = nil
        bearer.bearer = access
        #expect(try await bearer.send("GET", "/v2/orders").status == 200)
        await fixture.sandbox.expireAccessTokens()
        let expired = try await bearer.send("GET", "/v2/orders")
        #expect(expired.status == 401)
        #expect(expired.json?["message"]?.string == "access token expired")
        // The API key still works; a Basic header does not on the API.
        #expect(try await fixture.client.send("GET", "/v2/orders").status == 200)

        var admin = fixture.client
        admin.apiKey = nil
        let dump = try await admin.send("GET", "/__sandbox/state")
        let snapshot = "\(await fixture.sandbox.snapshot())"
        for secret in [access, refresh, code, Self.secret] {
            #expect(!dump.text.contains(secret))
            #expect(!snapshot.contains(secret))
        }
    }

    @Test func adminAuthorizeHandsOutCodes() async throws {
        let fixture = try await Self.start()
        await AwaitedTeardown.add { await fixture.stop() }
        var admin = fixture.client
        admin.apiKey = nil
        let answer = try await admin.send("POST", "/__sandbox/oauth/authorize", body: #"{"redirect_uri":"\#(Self.redirect)"}"#)
        #expect(answer.status == 200)
        let code = try #require(answer.json?["code"]?.string)
        #expect(try await Self.token(fixture, "grant_type=authorization_code&code=\(code)&redirect_uri=\(Self.encoded(Self.redirect))").status == 200)
        #expect(try await admin.send("POST", "/__sandbox/oauth/authorize", body: "{}").status == 400)
    }
}

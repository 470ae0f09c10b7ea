import Foundation
import KeapClient
import Testing

/// The client's one refresh after a 401, driven step by step: API and token endpoint share the transport, so one
/// script plays both (the sandbox cannot refuse a token it has just issued).
@Suite("OAuth2: a 401 after the refresh")
struct OAuthRejectionTests {
    @Test("refused again after a refresh: an authentication error that says to re-authorize, with no token in it")
    func refusedTwice() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("keap-oauth-401-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let tokenFile = directory.appendingPathComponent("tokens.json").path
        try KeapTokenFile.write(KeapTokenSet(accessToken: KeapSecret("at-OLD-1"), refreshToken: KeapSecret("rt-OLD-1"),
                                             expiresAt: Date().addingTimeInterval(3600)), to: tokenFile)
        let settings = KeapOAuthSettings(clientID: "app", clientSecret: KeapSecret("cs-1"), tokenFile: tokenFile,
                                         tokenURL: "http://keap.test/token")
        var configuration = TestClients.configuration()
        configuration.credentials = .oauth(settings)
        let refused = HTTPResponse.json(401, #"{"code":401,"message":"Invalid Access Token at-NEW-2","status":"UNAUTHENTICATED"}"#)
        let transport = ScriptedTransport([
            .answer(refused),
            .answer(.json(200, #"{"access_token":"at-NEW-2","token_type":"bearer","expires_in":86400,"refresh_token":"rt-NEW-2"}"#)),
            .answer(refused),
        ])
        let client = KeapClient(configuration: configuration, transport: transport, clock: VirtualClock(), randomSeed: 1)
        let error = await ClassificationTests.run(.get, on: client)
        #expect(error?.kind == .authentication)
        #expect(error?.status == 401)
        #expect(error?.message.contains("refreshed and still refused") == true)
        #expect(error?.message.contains("keap-ledger keap auth") == true)
        #expect(error?.message.contains("Invalid Access Token <redacted>") == true)
        let requests = transport.requests
        #expect(requests.map(\.url) == [requests[0].url, "http://keap.test/token", requests[0].url])
        #expect(requests[0].headers["Authorization"] == "Bearer at-OLD-1")
        #expect(requests[2].headers["Authorization"] == "Bearer at-NEW-2")
        // Persisted before it was used.
        #expect(try KeapTokenFile.read(tokenFile).refreshToken.valueForAuthorizationHeader == "rt-NEW-2")
        #expect(client.requestsSent == 2, "the token request is not an API call")
    }
}

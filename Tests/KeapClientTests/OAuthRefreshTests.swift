import Foundation
import KeapClient
import KeapSandbox
import Testing

/// The OAuth2 refresh against the sandbox's `/token` over real HTTP: when it happens, that it is persisted first, that
/// concurrent refreshers make one refresh, and what an operator is told when the refresh token is gone.
@Suite("OAuth2 token refresh")
struct OAuthRefreshTests {
    @Test("an access token expiring within 5 minutes is refreshed before the call; the rotation is persisted with mode 0600")
    func refreshBeforeExpiry() async throws {
        let fixture = try await OAuthFixture.start()
        let first = try await fixture.authorize()
        #expect(try fixture.fileMode() == 0o600)
        try fixture.setExpiry(in: 60)

        let client = fixture.client()
        _ = try await client.customFieldModel(.orders)
        #expect(await fixture.refreshGrants() == 1)
        let stored = try fixture.storedTokens()
        #expect(stored.refreshToken.valueForAuthorizationHeader != first.refreshToken.valueForAuthorizationHeader)
        #expect(stored.accessToken.valueForAuthorizationHeader != first.accessToken.valueForAuthorizationHeader)
        #expect(stored.expiresAt.timeIntervalSinceNow > 86_000)
        #expect(try fixture.fileMode() == 0o600)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: fixture.directory.path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty, "temporary files left: \(leftovers)")

        // Fresh now: no second refresh, and the API saw no 401.
        _ = try await client.customFieldModel(.contacts)
        #expect(await fixture.refreshGrants() == 1)
        #expect(await fixture.sandbox.snapshot().counters.unauthorized == 0)
        await fixture.stop()
    }

    @Test("a 401 before the expiry refreshes once and the call succeeds")
    func refreshAfterRejection() async throws {
        let fixture = try await OAuthFixture.start()
        try await fixture.authorize()
        let client = fixture.client()
        _ = try await client.customFieldModel(.orders)
        #expect(await fixture.refreshGrants() == 0)

        await fixture.sandbox.expireAccessTokens()
        let created = try await client.createCustomField(.orders, label: "ExternalOrderRef", fieldType: "TEXT")
        #expect(!created.id.isEmpty)
        let counters = await fixture.sandbox.snapshot().counters
        #expect(counters.tokenGrants["refresh_token"] == 1)
        #expect(counters.unauthorized == 1)
        #expect(await fixture.sandbox.snapshot().customFields.count == 1, "the POST refused with 401 was sent again once")
        await fixture.stop()
    }

    @Test("two clients on one token file refreshing at once make exactly one refresh, and both calls succeed")
    func concurrentRefreshers() async throws {
        let fixture = try await OAuthFixture.start()
        try await fixture.authorize()
        try fixture.setExpiry(in: 10)
        // Separate clients have separate refresher actors: only the file lock keeps them from both refreshing.
        let one = fixture.client()
        let two = fixture.client()
        async let first = one.customFieldModel(.orders)
        async let second = two.customFieldModel(.contacts)
        _ = try await (first, second)
        #expect(await fixture.refreshGrants() == 1)
        #expect(await fixture.sandbox.snapshot().counters.tokenRefusals == 0)
        await fixture.stop()
    }

    @Test("concurrent calls of one client share one refresh")
    func concurrentCallsOneClient() async throws {
        let fixture = try await OAuthFixture.start()
        try await fixture.authorize()
        try fixture.setExpiry(in: 10)
        let client = fixture.client()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<6 {
                group.addTask { _ = try await client.customFieldModel(.orders) }
            }
            try await group.waitForAll()
        }
        #expect(await fixture.refreshGrants() == 1)
        await fixture.stop()
    }

    @Test("a dead refresh token is an authentication error that says how to re-authorize, with no secret in it")
    func deadRefreshToken() async throws {
        let fixture = try await OAuthFixture.start()
        let original = try await fixture.authorize()
        // Another installation used the refresh token (rotating it); this file still holds the old pair.
        try fixture.setExpiry(in: 10)
        _ = try await fixture.client().customFieldModel(.orders)
        let rotated = try fixture.storedTokens()
        var stale = original
        stale.expiresAt = Date().addingTimeInterval(10)
        try KeapTokenFile.write(stale, to: fixture.settings.tokenFile)

        let error = await Self.failure { try await fixture.client().customFieldModel(.orders) }
        #expect(error?.kind == .authentication)
        #expect(error?.status == 400)
        #expect(error?.message.contains("invalid_grant") == true)
        #expect(error?.message.contains("keap-ledger keap auth --code CODE --redirect-uri URI") == true)
        #expect(error?.message.contains(fixture.settings.tokenFile) == true)
        for secret in [original.accessToken, original.refreshToken, rotated.accessToken, rotated.refreshToken] {
            #expect(!"\(String(describing: error))".contains(secret.valueForAuthorizationHeader))
        }
        #expect(!"\(String(describing: error))".contains(OAuthFixture.clientSecret))
        await fixture.stop()
    }

    @Test("a refresh whose answer is lost is reported as possibly rotated, with the re-authorize instruction")
    func refreshOutcomeUnknown() async throws {
        let fixture = try await OAuthFixture.start()
        let original = try await fixture.authorize()
        try fixture.setExpiry(in: 10)
        await fixture.sandbox.dropTokenAnswers(1)

        let error = await Self.failure { try await fixture.client().customFieldModel(.orders) }
        #expect(error?.kind == .authentication)
        #expect(error?.status == nil)
        #expect(error?.message.contains("may have rotated the refresh token") == true)
        #expect(error?.message.contains("keap-ledger keap auth") == true)
        // The file is untouched (its refresh token is the one Keap has now retired).
        #expect(try fixture.storedTokens().refreshToken.valueForAuthorizationHeader == original.refreshToken.valueForAuthorizationHeader)
        #expect(await fixture.refreshGrants() == 1)
        await fixture.stop()
    }

    @Test("wrong client credentials name the variables, not the secret")
    func wrongClientSecret() async throws {
        let fixture = try await OAuthFixture.start()
        try await fixture.authorize()
        try fixture.setExpiry(in: 10)
        var settings = fixture.settings
        settings.clientSecret = KeapSecret("cs-WRONG-SECRET-0000")
        var configuration = KeapClientConfiguration(baseURL: fixture.sandbox.baseURL, credentials: .oauth(settings))
        configuration.maxPerSecond = 0
        let error = await Self.failure { try await KeapClient(configuration: configuration).customFieldModel(.orders) }
        #expect(error?.kind == .authentication)
        #expect(error?.message.contains("KEAP_CLIENT_SECRET") == true)
        #expect(!"\(String(describing: error))".contains("cs-WRONG-SECRET-0000"))
        await fixture.stop()
    }

    /// The call's error (nil if it succeeded); any other error type is a test failure.
    static func failure<T>(_ body: () async throws -> T) async -> KeapCallError? {
        do {
            _ = try await body()
            return nil
        } catch {
            guard let keap = error as? KeapCallError else {
                Issue.record("unexpected error \(error)")
                return nil
            }
            return keap
        }
    }
}

import Foundation
import KeapClient
import KeapSandbox

/// A sandbox with OAuth2 on, a token file in a fresh folder, and clients that refresh from it: everything over real
/// HTTP on 127.0.0.1.
struct OAuthFixture {
    static let clientSecret = "cs-OAUTH-SECRET-5e1d"
    static let redirectURI = "https://shop.example/keap/callback"

    let sandbox: RunningKeapSandbox
    let directory: URL
    let settings: KeapOAuthSettings

    static func start() async throws -> OAuthFixture {
        let sandbox = try await KeapSandboxServer.start(configuration: KeapSandboxConfiguration(
            apiKey: "unused-api-key", oauthClientID: "ledger-app", oauthClientSecret: clientSecret))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("keap-oauth-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let settings = KeapOAuthSettings(clientID: "ledger-app", clientSecret: KeapSecret(clientSecret),
                                         tokenFile: directory.appendingPathComponent("keap-tokens.json").path,
                                         tokenURL: sandbox.baseURL + "/token")
        return OAuthFixture(sandbox: sandbox, directory: directory, settings: settings)
    }

    /// The first tokens, as `keap auth --code` gets them: a code from the (simulated) browser flow, exchanged.
    @discardableResult
    func authorize() async throws -> KeapTokenSet {
        let code = await sandbox.authorizationCode(redirectURI: Self.redirectURI)
        return try await KeapAuthorization.start(.authorizationCode(code: KeapSecret(code), redirectURI: Self.redirectURI),
                                                 settings: settings, transport: URLSessionTransport(requestTimeout: .seconds(5)))
    }

    /// A client on the token file: limiter off, short backoff, like the sync tests.
    func client() -> KeapClient {
        var configuration = KeapClientConfiguration(baseURL: sandbox.baseURL, credentials: .oauth(settings))
        configuration.maxPerSecond = 0
        configuration.maxPerMinute = 0
        configuration.requestTimeout = .seconds(5)
        configuration.backoffBase = .milliseconds(2)
        configuration.backoffCap = .milliseconds(20)
        return KeapClient(configuration: configuration)
    }

    func storedTokens() throws -> KeapTokenSet {
        try KeapTokenFile.read(settings.tokenFile)
    }

    /// Rewrites the file with the same tokens but a nearer expiry (as if most of the day had passed).
    func setExpiry(in seconds: Double) throws {
        var tokens = try storedTokens()
        tokens.expiresAt = Date().addingTimeInterval(seconds)
        try KeapTokenFile.write(tokens, to: settings.tokenFile)
    }

    func refreshGrants() async -> Int {
        await sandbox.snapshot().counters.tokenGrants["refresh_token", default: 0]
    }

    /// The file's permission bits.
    func fileMode() throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: settings.tokenFile)
        return (attributes[.posixPermissions] as? Int ?? -1) & 0o777
    }

    func stop() async {
        await sandbox.stop()
        try? FileManager.default.removeItem(at: directory)
    }
}

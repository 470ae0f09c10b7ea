import Foundation
import KeapClient
import KeapSandbox
import LedgerStore
import LedgerTestSupport
import Testing

/// OAuth2 as an operator runs it: `keap auth` writes the token file, `keap setup`, `sync` and `outbox flush` refresh
/// from it, two processes share it, and a dead refresh token stops the flush with exit 69 and the way out. No token
/// and no client secret in any output or in the database.
@Suite("OAuth2: keap auth and refreshing commands", .awaitedTeardown)
struct OAuthCommandTests {
    static let clientSecret = "cs-CLI-SECRET-9a7b-do-not-print"
    static let redirect = "https://shop.example/keap/callback"

    static let feed = [
        EventBuilder.line("customer.upserted", at: "2026-11-20T09:00:00Z", id: "c1", data: #"{"customer_ref":"C-1","email":"ada@example.com","first_name":"Ada"}"#),
        EventBuilder.line("product.upserted", at: "2026-11-20T09:00:00Z", id: "s1", data: #"{"sku":"TEA-1","name":"Green tea","price":"12.50","currency":"USD"}"#),
        EventBuilder.line("order.placed", at: "2026-11-20T10:00:00Z", id: "o1", data: #"{"order_ref":"FH-1","customer_ref":"C-1","currency":"USD","lines":[{"line_ref":"1","sku":"TEA-1","quantity":1,"unit_price":"12.50"}]}"#),
    ].joined(separator: "\n") + "\n"

    static func sandbox() async throws -> RunningKeapSandbox {
        try await KeapSandboxServer.start(host: "127.0.0.1", port: 0, configuration: KeapSandboxConfiguration(
            apiKey: "unused-key", oauthClientID: "ledger-app", oauthClientSecret: clientSecret))
    }

    /// A folder, a sandbox with OAuth2, the token file's path in the folder and the environment that uses both.
    static func start(_ prefix: String) async throws -> (TemporaryDirectory, RunningKeapSandbox, String, [String: String]) {
        let directory = try TemporaryDirectory(prefix: prefix)
        let sandbox = try await sandbox()
        // Stopped, and awaited, when the test ends, however it ends.
        await AwaitedTeardown.add { await sandbox.stop() }
        let tokenFile = directory.path("keap-tokens.json")
        return (directory, sandbox, tokenFile, environment(sandbox, tokenFile: tokenFile))
    }

    /// `keap auth --code` with a code from the sandbox's stand-in for the browser step.
    static func authorize(_ sandbox: RunningKeapSandbox, _ env: [String: String]) async throws -> LedgerProcess.Outcome {
        let code = await sandbox.authorizationCode(redirectURI: redirect)
        return try await LedgerProcess.runDetached(["keap", "auth", "--code", code, "--redirect-uri", redirect], environment: env)
    }

    static func environment(_ sandbox: RunningKeapSandbox, tokenFile: String) -> [String: String] {
        ["KEAP_BASE_URL": sandbox.baseURL, "KEAP_TOKEN_URL": sandbox.baseURL + "/token", "KEAP_TOKEN_FILE": tokenFile,
         "KEAP_CLIENT_ID": "ledger-app", "KEAP_CLIENT_SECRET": clientSecret,
         "KEAP_MAX_PER_SECOND": "0", "KEAP_MAX_PER_MINUTE": "0", "KEAP_RETRY_BASE_MS": "2"]
    }

    static func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int ?? -1) & 0o777
    }

    /// Same tokens, nearer expiry: as if most of the day had passed.
    static func expireSoon(_ path: String) throws {
        var tokens = try KeapTokenFile.read(path)
        tokens.expiresAt = Date().addingTimeInterval(30)
        try KeapTokenFile.write(tokens, to: path)
    }

    static func secrets(_ path: String) throws -> [String] {
        let tokens = try KeapTokenFile.read(path)
        return [tokens.accessToken.valueForAuthorizationHeader, tokens.refreshToken.valueForAuthorizationHeader]
    }

    @Test func authCodeThenSyncRefreshesAndADeadRefreshTokenExits69() async throws {
        let (directory, sandbox, tokenFile, env) = try await Self.start("keap-ledger-oauth-cli")
        defer { directory.remove() }
        let db = directory.path("ledger.sqlite")
        var outputs: [String] = []
        var secrets = [Self.clientSecret]

        let auth = try await Self.authorize(sandbox, env)
        outputs += [auth.stdout, auth.stderr]
        #expect(auth.status == 0, "\(auth.stderr)")
        #expect(auth.stdout.contains("token file \(tokenFile) written (mode 0600); access token expires at "))
        #expect(try Self.mode(tokenFile) == 0o600)
        let original = try KeapTokenFile.read(tokenFile)
        secrets += try Self.secrets(tokenFile)

        let status = try await LedgerProcess.runDetached(["keap", "auth", "--status", "--json"], environment: env)
        outputs += [status.stdout, status.stderr]
        #expect(status.status == 0)
        #expect(status.stdout.contains(#""expired":false"#))

        let setup = try await LedgerProcess.runDetached(["keap", "setup", "--db", db], environment: env)
        outputs += [setup.stdout, setup.stderr]
        #expect(setup.status == 0, "\(setup.stderr)")

        // A day later: every access token expired; the sync refreshes after the 401 and carries on.
        await sandbox.expireAccessTokens()
        let feed = try directory.write("feed.ndjson", Self.feed)
        let sync = try await LedgerProcess.runDetached(["sync", feed, "--db", db], environment: env)
        outputs += [sync.stdout, sync.stderr]
        #expect(sync.status == 0, "\(sync.stderr)")
        #expect(await sandbox.snapshot().counters.tokenGrants["refresh_token"] == 1)
        #expect(await sandbox.snapshot().orders.count == 1)
        secrets += try Self.secrets(tokenFile)
        #expect(try KeapTokenFile.read(tokenFile).refreshToken.valueForAuthorizationHeader != original.refreshToken.valueForAuthorizationHeader)
        #expect(try Self.mode(tokenFile) == 0o600)

        // The file is restored from an old backup: its refresh token was rotated away. Exit 69 and the way out.
        try KeapTokenFile.write(original, to: tokenFile)
        await sandbox.expireAccessTokens()
        try directory.write("more.ndjson", EventBuilder.line("order.status_changed", at: "2026-11-21T10:00:00Z", id: "st1", data: #"{"order_ref":"FH-1","status":"processing"}"#) + "\n")
        let ingest = try await LedgerProcess.runDetached(["ingest", directory.path("more.ndjson"), "--db", db], environment: env)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let dead = try await LedgerProcess.runDetached(["outbox", "flush", "--db", db], environment: env)
        outputs += [dead.stdout, dead.stderr]
        #expect(dead.status == 69, "\(dead.stderr)")
        #expect(dead.stderr.contains("invalid_grant"))
        #expect(dead.stderr.contains("keap-ledger keap auth --code CODE --redirect-uri URI"))
        #expect(dead.stderr.contains(tokenFile))

        for output in outputs {
            for secret in secrets { #expect(!output.contains(secret), "a secret leaked: \(output)") }
        }
        let databaseBytes = try Data(contentsOf: URL(fileURLWithPath: db)) + ((try? Data(contentsOf: URL(fileURLWithPath: db + "-wal"))) ?? Data())
        for secret in secrets {
            #expect(databaseBytes.range(of: Data(secret.utf8)) == nil, "a secret is in the database")
        }
    }

    @Test func refreshTokenFromStdinIsRefreshedAtOnce() async throws {
        let (directory, sandbox, tokenFile, env) = try await Self.start("keap-ledger-oauth-stdin")
        defer { directory.remove() }
        // A refresh token obtained elsewhere (here: a code exchanged into a scratch file).
        let code = await sandbox.authorizationCode(redirectURI: Self.redirect)
        let scratch = directory.path("scratch.json")
        let given = try await KeapAuthorization.start(
            .authorizationCode(code: KeapSecret(code), redirectURI: Self.redirect),
            settings: KeapOAuthSettings(clientID: "ledger-app", clientSecret: KeapSecret(Self.clientSecret), tokenFile: scratch, tokenURL: sandbox.baseURL + "/token"),
            transport: URLSessionTransport(requestTimeout: .seconds(5)))
        let refresh = given.refreshToken.valueForAuthorizationHeader

        let auth = try await LedgerProcess.runDetached(["keap", "auth", "--refresh-token-stdin"], stdin: Array((refresh + "\n").utf8), environment: env)
        #expect(auth.status == 0, "\(auth.stderr)")
        #expect(!auth.stdout.contains(refresh) && !auth.stderr.contains(refresh))
        #expect(await sandbox.snapshot().counters.tokenGrants["refresh_token"] == 1)
        let stored = try KeapTokenFile.read(tokenFile)
        #expect(stored.refreshToken.valueForAuthorizationHeader != refresh, "the file holds the rotated token")
        #expect(try Self.mode(tokenFile) == 0o600)
        #expect(!auth.stdout.contains(stored.refreshToken.valueForAuthorizationHeader))

        // The same (now used) token again: refused, exit 69, the file left as it was.
        let again = try await LedgerProcess.runDetached(["keap", "auth", "--refresh-token-stdin"], stdin: Array(refresh.utf8), environment: env)
        #expect(again.status == 69, "\(again.stderr)")
        #expect(again.stderr.contains("invalid_grant"))
        #expect(!again.stderr.contains(refresh))
        #expect(try KeapTokenFile.read(tokenFile).refreshToken.valueForAuthorizationHeader == stored.refreshToken.valueForAuthorizationHeader)
    }

    @Test func twoProcessesOnOneTokenFileRefreshOnce() async throws {
        let (directory, sandbox, tokenFile, env) = try await Self.start("keap-ledger-oauth-two")
        defer { directory.remove() }
        let auth = try await Self.authorize(sandbox, env)
        #expect(auth.status == 0, "\(auth.stderr)")
        try Self.expireSoon(tokenFile)

        // Two ledgers (each flush holds its own database's lock), one Keap authorization.
        async let first = LedgerProcess.runDetached(["keap", "setup", "--db", directory.path("one.sqlite")], environment: env)
        async let second = LedgerProcess.runDetached(["keap", "setup", "--db", directory.path("two.sqlite")], environment: env)
        let (one, two) = try await (first, second)
        #expect(one.status == 0, "\(one.stderr)")
        #expect(two.status == 0, "\(two.stderr)")
        let counters = await sandbox.snapshot().counters
        #expect(counters.tokenGrants["refresh_token"] == 1)
        #expect(counters.tokenRefusals == 0)
        #expect(try Self.mode(tokenFile) == 0o600)
    }

    @Test func anUnusableTokenFileStopsBeforeAnyCall() async throws {
        let (directory, sandbox, tokenFile, env) = try await Self.start("keap-ledger-oauth-file")
        defer { directory.remove() }
        let db = directory.path("ledger.sqlite")

        let missing = try await LedgerProcess.runDetached(["keap", "setup", "--db", db], environment: env)
        #expect(missing.status == 69, "\(missing.stderr)")
        #expect(missing.stderr.contains("\(tokenFile) (KEAP_TOKEN_FILE) does not exist"))

        let token = "at-PLAIN-SECRET-in-an-open-file"
        try directory.write("keap-tokens.json", #"{"access_token":"\#(token)","refresh_token":"rt-x","expires_at":"2030-01-01T00:00:00Z"}"#)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: tokenFile)
        let open = try await LedgerProcess.runDetached(["keap", "setup", "--db", db], environment: env)
        #expect(open.status == 69, "\(open.stderr)")
        #expect(open.stderr.contains("chmod 600 \(tokenFile)"))
        #expect(!open.stderr.contains(token))

        var both = env
        both["KEAP_API_KEY"] = "some-key"
        let twoWays = try await LedgerProcess.runDetached(["keap", "setup", "--db", db], environment: both)
        #expect(twoWays.status == 64, "\(twoWays.stderr)")
        #expect(twoWays.stderr.contains("KEAP_API_KEY and KEAP_TOKEN_FILE"))
        #expect(await sandbox.snapshot().counters.totalRequests == 0)
    }
}

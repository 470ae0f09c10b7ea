import ArgumentParser
import Foundation
import KeapClient

/// `keap-ledger keap auth`: writes the OAuth2 token file the sync refreshes from (KEAP_TOKEN_FILE), from an
/// authorization code or a refresh token, or shows its state. Prints the path and the expiry only, never a token.
struct KeapAuthCommand: AsyncFailureReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "auth",
        abstract: "Write the OAuth2 token file (KEAP_TOKEN_FILE) from an authorization code or a refresh token.",
        discussion: """
            Needs KEAP_TOKEN_FILE, KEAP_CLIENT_ID, KEAP_CLIENT_SECRET (and KEAP_TOKEN_URL for a sandbox). \
            --code CODE --redirect-uri URI exchanges the code from Keap's redirect; --refresh-token-stdin reads a \
            refresh token from stdin and refreshes it at once (which proves it works and rotates it). Either writes \
            the file atomically with mode 0600. --status shows the file's expiry and sends nothing. Exit 69 when Keap \
            refuses the code, the token or the client credentials.
            """
    )

    @Option(help: "The authorization code from Keap's redirect (single use; with --redirect-uri).")
    var code: String?

    @Option(help: "The redirect URI the code was issued for.")
    var redirectUri: String?

    @Flag(help: "Read a refresh token from stdin, refresh it at once, write the token file.")
    var refreshTokenStdin = false

    @Flag(help: "Show the token file's path and expiry; send nothing.")
    var status = false

    @Flag(help: "Print a JSON object: token_file, expires_at (and expired with --status).")
    var json = false

    func validate() throws {
        let modes = [code != nil, refreshTokenStdin, status].filter { $0 }.count
        guard modes == 1 else {
            throw ValidationError("give exactly one of --code (with --redirect-uri), --refresh-token-stdin or --status")
        }
        if code != nil, redirectUri == nil { throw ValidationError("--code needs --redirect-uri (the one the code was issued for)") }
        if code == nil, redirectUri != nil { throw ValidationError("--redirect-uri goes with --code") }
    }

    func execute() async throws {
        let environment = ProcessInfo.processInfo.environment
        if status {
            guard let path = Environment.value("KEAP_TOKEN_FILE") else {
                throw CommandFailure(exitCode: CommandFailure.usage, message: "KEAP_TOKEN_FILE is not set")
            }
            let tokens = try KeapTokenFile.read(path)
            let expired = tokens.expires(within: .zero)
            report(path: path, tokens: tokens, expired: expired)
            return
        }
        let settings = try KeapClientConfiguration.oauthSettings(from: environment)
        let grant: KeapTokenGrant
        if let code, let redirectUri {
            grant = .authorizationCode(code: KeapSecret(code), redirectURI: redirectUri)
        } else {
            grant = .refreshToken(try Self.refreshTokenFromStandardInput())
        }
        // The client's default timeout: one request, run by hand.
        let transport = AsyncHTTPClientTransport(requestTimeout: KeapClientConfiguration(baseURL: "", credentials: .oauth(settings)).requestTimeout)
        let tokens: KeapTokenSet
        do {
            tokens = try await KeapAuthorization.start(grant, settings: settings, transport: transport)
        } catch {
            await transport.shutdown()
            throw error
        }
        await transport.shutdown()
        report(path: settings.tokenFile, tokens: tokens, expired: nil)
    }

    private func report(path: String, tokens: KeapTokenSet, expired: Bool?) {
        if json {
            var object = JSONObjectWriter()
            object.add("token_file", path)
            object.add("expires_at", tokens.expiresAtText)
            if let expired { object.add("expired", expired) }
            StandardStreams.out(object.text + "\n")
        } else if let expired {
            StandardStreams.out("token file \(path): access token \(expired ? "expired" : "expires") at \(tokens.expiresAtText)"
                + (expired ? " (refreshed on next use)" : "") + "\n")
        } else {
            StandardStreams.out("token file \(path) written (mode 0600); access token expires at \(tokens.expiresAtText)\n")
        }
    }

    /// The whole of stdin, trimmed of surrounding whitespace (a trailing newline from `echo` or a file).
    private static func refreshTokenFromStandardInput() throws -> KeapSecret {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else {
            throw CommandFailure(exitCode: CommandFailure.usage, message: "--refresh-token-stdin: stdin is empty; pipe the refresh token in")
        }
        guard !token.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F }) else {
            throw CommandFailure(exitCode: CommandFailure.usage, message: "--refresh-token-stdin: the token contains spaces or control characters (value not shown)")
        }
        return KeapSecret(token)
    }
}

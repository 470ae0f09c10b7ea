import Foundation
import KeapClient
import LedgerSync

/// The Keap client and sync settings from the environment (cli.md: KEAP_API_KEY, KEAP_ACCESS_TOKEN or
/// KEAP_TOKEN_FILE with KEAP_CLIENT_ID/KEAP_CLIENT_SECRET/KEAP_TOKEN_URL, KEAP_BASE_URL, KEAP_MAX_PER_SECOND,
/// KEAP_MAX_PER_MINUTE; plus KEAP_CURRENCY, KEAP_DISCOUNT_SIGN and KEAP_CHARGE_ITEMS).
enum KeapConnection {
    /// Runs `body` with the production client and shuts the client down afterwards, however `body` ends (its
    /// connection pool must be closed before the process lets go of it).
    static func withClient<T>(_ body: (KeapClient) async throws -> T) async throws -> T {
        let client = try client()
        do {
            let result = try await body(client)
            await client.shutdown()
            return result
        } catch {
            await client.shutdown()
            throw error
        }
    }

    /// The production client from the environment; the caller shuts it down (`withClient` does).
    static func client() throws -> KeapClient {
        let configuration = try KeapClientConfiguration.fromEnvironment(ProcessInfo.processInfo.environment)
        if case .oauth(let settings) = configuration.credentials {
            // A missing, unreadable or too open token file is reported before any work starts, not as the first
            // stream's failure.
            _ = try KeapTokenFile.read(settings.tokenFile)
        }
        return KeapClient(configuration: configuration)
    }

    /// The sync settings alone (commands that read Keap without flushing: relink, reconcile).
    static func settings() throws -> SyncSettings {
        try SyncSettings.fromEnvironment(ProcessInfo.processInfo.environment)
    }

    static func settings(_ flush: FlushArguments) throws -> SyncSettings {
        var settings = try settings()
        settings.maxAttempts = flush.maxAttempts
        settings.concurrency = flush.concurrency
        return settings
    }
}

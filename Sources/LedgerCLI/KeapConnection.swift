import Foundation
import KeapClient
import LedgerSync

/// The Keap client and sync settings from the environment (cli.md: KEAP_API_KEY or KEAP_ACCESS_TOKEN,
/// KEAP_BASE_URL, KEAP_MAX_PER_SECOND, KEAP_MAX_PER_MINUTE; plus KEAP_CURRENCY and KEAP_DISCOUNT_SIGN).
enum KeapConnection {
    static func client() throws -> KeapClient {
        let configuration = try KeapClientConfiguration.fromEnvironment(ProcessInfo.processInfo.environment)
        return KeapClient(configuration: configuration)
    }

    static func settings(_ flush: FlushArguments) throws -> SyncSettings {
        var settings = try SyncSettings.fromEnvironment(ProcessInfo.processInfo.environment)
        settings.maxAttempts = flush.maxAttempts
        settings.concurrency = flush.concurrency
        return settings
    }
}

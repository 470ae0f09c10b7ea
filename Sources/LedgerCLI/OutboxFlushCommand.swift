import ArgumentParser
import LedgerSync

/// `keap-ledger outbox flush`: sends the pending outbox streams to Keap (cli.md, keap-sync.md).
struct OutboxFlushCommand: AsyncFailureReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "flush",
        abstract: "Send pending changes to Keap (REST v2), idempotently, then return.",
        discussion: """
            Keap connection from the environment: KEAP_API_KEY (X-Keap-API-Key), KEAP_ACCESS_TOKEN (Bearer) or \
            KEAP_TOKEN_FILE with KEAP_CLIENT_ID and KEAP_CLIENT_SECRET (OAuth2, refreshed; see `keap auth`), \
            KEAP_BASE_URL, KEAP_MAX_PER_SECOND / KEAP_MAX_PER_MINUTE (0 = no limit), KEAP_CURRENCY (the tenant's \
            currency, default USD), KEAP_DISCOUNT_SIGN (positive | negative) and KEAP_CHARGE_ITEMS (typed | product), \
            which win over what `keap doctor --probe` found (default: negative, typed). Run `keap-ledger keap setup` \
            once first. \
            --json: sent, skipped, failed, parked, calls, seconds. Exit 0 when all due streams were sent, 75 when some \
            failed and will be retried, 65 when this run parked some, 69 when Keap refused the credentials (or the \
            token file cannot be used or refreshed), 75 when \
            another flush holds the database.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var flush: FlushArguments

    func execute() async throws {
        let database = try global.openDatabase()
        let summary = try await flush.flush(database, json: global.json)
        StandardStreams.out((global.json ? FlushArguments.json(summary).text : FlushArguments.describe(summary)) + "\n")
        let code = FlushArguments.exitCode(summary)
        if code != 0 { throw ExitCode(code) }
    }
}

import ArgumentParser

/// The `keap-ledger` command: the composition root, nothing but wiring.
struct KeapLedger: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "keap-ledger",
        abstract: "An append-only, tamper-evident ledger of store orders, kept in step with Keap.",
        discussion: """
            Exit codes (sysexits): 0 success, 64 usage, 65 data error (input rejected, log damaged), 66 input missing,
            69 Keap unreachable, 70 internal error, 74 database or I/O error, 75 temporary failure (busy: try again).
            """,
        version: version,
        subcommands: [
            IngestCommand.self, ProjectCommand.self, RebuildCommand.self, OrderCommand.self, HistoryCommand.self,
            OrdersCommand.self, OutboxCommand.self, CheckCommand.self, VerifyCommand.self, ExportCommand.self, SampleFeedCommand.self,
            SyncCommand.self, KeapCommand.self, SandboxCommand.self, BackupCommand.self, RestoreCommand.self, ReconcileCommand.self,
        ]
    )
}

import ArgumentParser

/// `keap-ledger outbox …`: the Keap outbox (cli.md).
struct OutboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox",
        abstract: "The Keap outbox: what Keap should show, per customer, product, order and subscription.",
        subcommands: [OutboxStatusCommand.self, OutboxFlushCommand.self, OutboxRetryCommand.self, OutboxParkCommand.self]
    )
}

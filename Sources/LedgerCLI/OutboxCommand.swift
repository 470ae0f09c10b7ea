import ArgumentParser

/// `keap-ledger outbox …`: the Keap outbox (cli.md).
struct OutboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox",
        abstract: "The Keap outbox: what Keap should show, per customer, product, order and subscription.",
        subcommands: [OutboxStatusCommand.self, OutboxRetryCommand.self, OutboxParkCommand.self]
    )
}

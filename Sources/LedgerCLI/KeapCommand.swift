import ArgumentParser

/// `keap-ledger keap …`: one-time Keap tenant preparation.
struct KeapCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keap",
        abstract: "Prepare the Keap tenant for the sync.",
        subcommands: [KeapSetupCommand.self]
    )
}

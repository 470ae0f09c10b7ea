import ArgumentParser

/// `keap-ledger keap …`: one-time Keap tenant preparation and the OAuth2 token file.
struct KeapCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keap",
        abstract: "Prepare the Keap tenant for the sync.",
        subcommands: [KeapSetupCommand.self, KeapDoctorCommand.self, KeapAuthCommand.self, KeapRelinkCommand.self]
    )
}

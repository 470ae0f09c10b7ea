import ArgumentParser
import LedgerSync

/// `keap-ledger keap setup`: creates the custom fields the sync writes, once, and records their ids.
struct KeapSetupCommand: AsyncFailureReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "setup",
        abstract: "Create the order, contact and subscription custom fields the sync needs (once; safe to run again).",
        discussion: "--json: created, adopted, already_recorded (field names)."
    )

    @OptionGroup var global: GlobalOptions

    func execute() async throws {
        let database = try global.openDatabase()
        let report = try await KeapCustomFieldSetup(database: database, client: try KeapConnection.client()).run()
        if global.json {
            var object = JSONObjectWriter()
            object.add("created", report.created)
            object.add("adopted", report.adopted)
            object.add("already_recorded", report.alreadyRecorded)
            StandardStreams.out(object.text + "\n")
        } else {
            StandardStreams.out("custom fields: \(report.created.count) created, \(report.adopted.count) found in Keap, \(report.alreadyRecorded.count) already recorded\n")
        }
    }
}

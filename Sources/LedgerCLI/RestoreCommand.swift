import ArgumentParser
import Foundation
import LedgerStore

/// `keap-ledger restore BACKUP`: the backup, verified, becomes the ledger at `--db` (cli.md). The restored ledger may
/// be older than Keap, so every create looks up first until `keap relink` (seed 001).
struct RestoreCommand: FailureReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Replace the ledger at --db with a verified copy of BACKUP.",
        discussion: """
            Refuses a ledger that holds events or Keap ids unless --force. Stop every ingest and flush on --db first. \
            Afterwards every create looks up first until `keap-ledger keap relink`, so nothing \
            Keap already has is created again.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "A file written by `keap-ledger backup`.")
    var backup: String

    @Flag(name: .long, help: "Replace a ledger that is not empty.")
    var force = false

    func execute() throws {
        guard FileManager.default.isReadableFile(atPath: backup) else {
            throw CommandFailure(exitCode: CommandFailure.noInput, message: "restore: cannot read the backup \(backup); name the file `keap-ledger backup` wrote")
        }
        let target = global.databasePath
        guard URL(fileURLWithPath: backup).standardizedFileURL != URL(fileURLWithPath: target).standardizedFileURL else {
            throw CommandFailure(exitCode: CommandFailure.usage, message: "restore: the backup and --db are the same file (\(target))")
        }
        let report = try LedgerBackup.restore(from: backup, to: target, force: force)
        if global.json {
            var object = JSONObjectWriter()
            object.add("db", target)
            object.add("events", report.events)
            object.add("head_seq", report.lastSeq)
            object.add("head_hash", report.headHash)
            object.add("lookup_first", true)
            StandardStreams.out(object.text + "\n")
        } else {
            StandardStreams.out("restored \(backup) into \(target): \(report.events) events, head seq \(report.lastSeq), head hash \(report.headHash) (verified)\n")
            StandardStreams.out("until `keap-ledger keap relink`, every Keap create looks up first\n")
        }
    }
}

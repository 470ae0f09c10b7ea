import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore

/// `keap-ledger backup PATH`: a consistent, verified copy of the ledger (cli.md), safe while an ingest or a flush runs.
struct BackupCommand: FailureReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write a consistent, verified copy of the ledger to PATH (safe while ingest or flush run).",
        discussion: "PATH must not exist. Prints the copy's head seq and hash: keep them with the copy."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Where to write the copy (a new file).")
    var path: String

    func execute() throws {
        let started = ContinuousClock.now
        let database = try global.openDatabase()
        let report = try LedgerBackup.take(of: database, to: path)
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if global.json {
            var object = JSONObjectWriter()
            object.add("path", path)
            object.add("events", report.events)
            object.add("head_seq", report.lastSeq)
            object.add("head_hash", report.headHash)
            object.add("bytes", bytes)
            let elapsed = ContinuousClock.now - started
            object.add("seconds", elapsed.seconds)
            StandardStreams.out(object.text + "\n")
        } else {
            StandardStreams.out("backup \(path): \(report.events) events, head seq \(report.lastSeq), head hash \(report.headHash) (verified)\n")
        }
    }
}

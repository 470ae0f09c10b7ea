import ArgumentParser
import LedgerStore

/// `keap-ledger verify`: re-checks the whole log (cli.md).
struct VerifyCommand: FailureReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Re-check the whole log: gap-free seq, hash chain over the stored bytes, nothing changed or removed.",
        discussion: "Exit 0 when intact; exit 65 naming the first bad sequence number otherwise."
    )

    @OptionGroup var global: GlobalOptions

    func execute() throws {
        let database = try global.openDatabase()
        let showProgress = StandardStreams.errIsTerminal
        let report = try LogVerifier(database: database).verify { checked in
            if showProgress { StandardStreams.err("verify: \(checked) events checked…\n") }
        }
        for warning in report.warnings { StandardStreams.err("keap-ledger: warning: \(warning)\n") }
        if global.json {
            var object = JSONObjectWriter()
            object.add("intact", report.isIntact)
            object.add("events", report.events)
            object.add("last_seq", report.lastSeq)
            object.add("head_hash", report.isIntact ? report.headHash : nil)
            object.add("first_bad_seq", report.firstBadSeq)
            object.add("problem", report.problem)
            object.add("warnings", report.warnings)
            StandardStreams.out(object.text + "\n")
        } else if report.isIntact {
            StandardStreams.out("log intact: \(report.events) events, last seq \(report.lastSeq), head hash \(report.headHash)\n")
        }
        if let badSeq = report.firstBadSeq {
            StandardStreams.err("keap-ledger: error: log damaged at seq \(badSeq): \(report.problem ?? "")\n")
            throw ExitCode(CommandFailure.dataError)
        }
    }
}

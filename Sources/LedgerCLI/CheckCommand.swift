import ArgumentParser
import LedgerIngest

/// `keap-ledger check FILE…`: validates feeds without touching the ledger (a pre-flight for producers).
struct CheckCommand: FailureReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate feeds against the contract without storing anything.",
        discussion: "Reports every invalid line as ingest would (FILE:LINE: id=ID: reason). Duplicates and conflicts need the ledger and are not checked. Exit 65 if any line is invalid."
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var feed: FeedArguments

    func execute() throws {
        let summary = try feed.run(showProgress: false) { inputs, reporter in
            FeedCheck().run(inputs: inputs, observer: reporter)
        }
        if global.json {
            var object = JSONObjectWriter()
            object.add("read", summary.read)
            object.add("valid", summary.accepted)
            object.add("rejected", summary.rejected)
            object.add("seconds", (summary.seconds * 1000).rounded() / 1000)
            StandardStreams.out(object.text + "\n")
        } else {
            StandardStreams.out("read \(summary.read), valid \(summary.accepted), rejected \(summary.rejected); \(Int(summary.seconds * 1000)) ms\n")
        }
        if summary.rejected > 0 { throw ExitCode(CommandFailure.dataError) }
    }
}

import ArgumentParser
import LedgerFeed
import LedgerIngest

/// `keap-ledger check FILE…`: validates feeds without touching the ledger (a pre-flight for producers).
struct CheckCommand: FailureReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate feeds against the contract without storing anything.",
        discussion: "Reports every invalid line as ingest would (FILE:LINE: id=ID: reason). Duplicates and conflicts need the ledger and are not checked. Exit 65 if any line is invalid."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Feed files: NDJSON, .gz by suffix, - for standard input.")
    var files: [String]

    @Option(help: "Write each invalid line verbatim to this file.")
    var rejects: String?

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one feed file, or - for standard input") }
    }

    func execute() throws {
        let inputs: [(name: String, source: any ByteSource)]
        do {
            inputs = try IngestService.open(inputs: files)
        } catch {
            throw CommandFailure.feed(error)
        }
        let rejectsFile = try rejects.map(RejectsFile.init(path:))
        let reporter = IngestReporter(rejectsFile: rejectsFile, showProgress: false)
        let summary = FeedCheck().run(inputs: inputs, observer: reporter)
        try rejectsFile?.close()
        reporter.finish()
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

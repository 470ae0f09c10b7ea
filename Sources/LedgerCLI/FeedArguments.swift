import ArgumentParser
import LedgerFeed
import LedgerIngest

/// The feed files and rejects file shared by `ingest` and `check`, and the run around them: open every input first
/// (a missing one stops everything, exit 66), create the rejects file, report rejections, close.
struct FeedArguments: ParsableArguments {
    @Argument(help: "Feed files: NDJSON, .gz by suffix, - for standard input.")
    var files: [String]

    @Option(help: "Write each rejected or conflicting line verbatim to this file (created or truncated at the start).")
    var rejects: String?

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one feed file, or - for standard input") }
    }

    /// Opens the inputs and the rejects file, then runs `body` with them and a reporter.
    func run(
        showProgress: Bool,
        _ body: ([(name: String, source: any ByteSource)], IngestReporter) throws -> IngestSummary
    ) throws -> IngestSummary {
        let inputs: [(name: String, source: any ByteSource)]
        do {
            inputs = try IngestService.open(inputs: files)
        } catch {
            throw CommandFailure.feed(error)
        }
        let rejectsFile = try rejects.map(RejectsFile.init(path:))
        let reporter = IngestReporter(rejectsFile: rejectsFile, showProgress: showProgress)
        let summary = try body(inputs, reporter)
        try rejectsFile?.close()
        reporter.finish()
        return summary
    }
}

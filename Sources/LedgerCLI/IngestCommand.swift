import ArgumentParser
import Foundation
import LedgerIngest
import LedgerStore

/// `keap-ledger ingest FILE…`: appends feeds to the log (cli.md).
struct IngestCommand: FailureReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Append NDJSON feeds (.gz, or - for stdin) to the event log.",
        discussion: """
            atomic (default): one bad line and nothing of this run is stored. skip: good lines are stored, bad lines \
            are reported and written verbatim to --rejects. Each error on stderr reads FILE:LINE: id=ID: reason. \
            Exit 65 if any line was rejected.
            """
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var feed: FeedArguments

    @Option(help: "atomic or skip.")
    var mode: IngestMode = .atomic

    @Option(help: "In skip mode, events per commit: smaller lets other writers in sooner, larger is faster.")
    var commitEvery: Int = 50_000

    @Flag(help: "Leave projections behind the log (catch up later with `project`).")
    var noProject = false

    @Flag(help: "Print progress to stderr every two seconds even when stderr is not a terminal.")
    var progress = false

    @Option(help: ArgumentHelp("After each commit that stored events, append the new head (`SEQ HASH`) to this file and fsync it; keep it off the database's disk and check it with `verify --anchor-file`.", valueName: "PATH"))
    var anchorFile: String?

    func validate() throws {
        try NumericOptions.commitEvery.check(commitEvery)
    }

    func execute() throws {
        let summary = try Self.ingest(global: global, feed: feed, mode: mode, commitEvery: commitEvery, project: !noProject, progress: progress, anchorFile: anchorFile)
        StandardStreams.out((global.json ? Self.json(summary).text : Self.describe(summary, mode: mode)) + "\n")
        if summary.rejected > 0 { throw ExitCode(CommandFailure.dataError) }
    }

    /// Runs the ingest pipeline over `feed` (shared with `sync`).
    static func ingest(global: GlobalOptions, feed: FeedArguments, mode: IngestMode, commitEvery: Int, project: Bool, progress: Bool, anchorFile: String?) throws -> IngestSummary {
        try feed.run(showProgress: progress || StandardStreams.errIsTerminal) { inputs, reporter in
            let database = try global.openDatabase()
            // Opened before anything is stored: a path that cannot be written stops the run with nothing ingested.
            let anchors = try anchorFile.map { path throws(LedgerStoreError) in try AnchorFileWriter(path: path) }
            return try IngestService(database: database, commitEvery: commitEvery, anchorFile: anchors)
                .run(inputs: inputs, mode: mode, project: project, observer: reporter)
        }
    }

    /// The `--json` summary of cli.md.
    static func json(_ summary: IngestSummary) -> JSONObjectWriter {
        var object = JSONObjectWriter()
        object.add("read", summary.read)
        object.add("accepted", summary.accepted)
        object.add("duplicates", summary.duplicates)
        object.add("conflicts", summary.conflicts)
        object.add("rejected", summary.rejected)
        object.add("first_seq", summary.firstSeq)
        object.add("last_seq", summary.lastSeq)
        object.add("seconds", (summary.seconds * 1000).rounded() / 1000)
        return object
    }

    static func describe(_ summary: IngestSummary, mode: IngestMode) -> String {
        let range = summary.firstSeq.map { "seq \($0)–\(summary.lastSeq ?? $0)" } ?? "nothing stored"
        let rate = summary.seconds > 0 ? Int(Double(summary.read) / summary.seconds) : 0
        var text = "read \(summary.read), accepted \(summary.accepted), duplicates \(summary.duplicates), conflicts \(summary.conflicts), rejected \(summary.rejected); \(range); \(String(Int(summary.seconds * 1000))) ms (\(rate) lines/s)"
        if mode == .atomic, summary.rejected > 0 {
            text += "\natomic mode: nothing of this run was stored; fix the lines above (or use --mode skip) and run again"
        }
        return text
    }
}

extension IngestMode: ExpressibleByArgument {}

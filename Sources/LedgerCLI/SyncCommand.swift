import ArgumentParser
import LedgerIngest

/// `keap-ledger sync FILE…`: ingest, then flush: the daily cron job of a fulfilment house in one command.
struct SyncCommand: AsyncFailureReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Ingest feeds, then send what changed to Keap (ingest + outbox flush).",
        discussion: """
            The flush runs even when some lines were rejected (in skip mode the good ones were stored; in atomic \
            mode nothing new was, and what was already pending is still sent). --json: {"ingest": {...}, "flush": \
            {...}} with the keys of both commands. Exit: the ingest's code if it was not 0, else the flush's.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var feed: FeedArguments

    @Option(help: "atomic or skip.")
    var mode: IngestMode = .atomic

    @Option(help: "In skip mode, events per commit.")
    var commitEvery: Int = 50_000

    @Option(help: ArgumentHelp("After each commit that stored events, append the new head (`SEQ HASH`) to this file, as `ingest --anchor-file` does.", valueName: "PATH"))
    var anchorFile: String?

    @OptionGroup var flush: FlushArguments

    /// The same rule as `ingest`'s: without it `--commit-every 0` never finished.
    func validate() throws {
        try NumericOptions.commitEvery.check(commitEvery)
    }

    func execute() async throws {
        let ingested = try IngestCommand.ingest(global: global, feed: feed, mode: mode, commitEvery: commitEvery, project: true, progress: false, anchorFile: anchorFile)
        let database = try global.openDatabase()
        let flushed = try await flush.flush(database, json: global.json)
        if global.json {
            var object = JSONObjectWriter()
            object.add("ingest", IngestCommand.json(ingested))
            object.add("flush", FlushArguments.json(flushed))
            StandardStreams.out(object.text + "\n")
        } else {
            StandardStreams.out("ingest: " + IngestCommand.describe(ingested, mode: mode) + "\nflush: " + FlushArguments.describe(flushed) + "\n")
        }
        let code = ingested.rejected > 0 ? CommandFailure.dataError : FlushArguments.exitCode(flushed)
        if code != 0 { throw ExitCode(code) }
    }
}

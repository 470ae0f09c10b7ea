import ArgumentParser
import LedgerStore
import LedgerSync

/// The options of `outbox flush`, shared with `sync`.
struct FlushArguments: ParsableArguments {
    @Option(help: "Attempt at most this many pending streams.")
    var limit: Int?

    @Flag(help: "Print the calls the flush would make; send nothing and write nothing.")
    var dryRun = false

    @Option(help: "Failed attempts after which a stream is parked.")
    var maxAttempts = 5

    @Option(help: "Streams sent at the same time (each stream's calls stay in order; one rate limiter for all).")
    var concurrency = 4

    func validate() throws {
        try NumericOptions.flushLimit.check(limit)
        try NumericOptions.maxAttempts.check(maxAttempts)
        try NumericOptions.concurrency.check(concurrency)
    }

    /// Runs the flush, printing a dry run's planned calls to stdout and the flush's messages to stderr, and returns
    /// the summary; the caller prints that and takes its exit code from `exitCode(_:)`. Throws only what stops the
    /// whole flush (no setup, credentials refused, the lock or the database failing).
    func flush(_ database: LedgerDatabase, json: Bool) async throws -> FlushSummary {
        let settings = try KeapConnection.settings(self)
        let summary = try await KeapConnection.withClient { client in
            try await OutboxFlusher(database: database, client: client, settings: settings).flush(FlushOptions(limit: limit, dryRun: dryRun)) { line in
                StandardStreams.out(line + "\n")
            }
        }
        for message in summary.messages { StandardStreams.err(message + "\n") }
        return summary
    }

    /// The JSON summary of cli.md.
    static func json(_ summary: FlushSummary) -> JSONObjectWriter {
        var object = JSONObjectWriter()
        object.add("sent", summary.sent)
        object.add("skipped", summary.skipped)
        object.add("failed", summary.failed)
        object.add("parked", summary.parked)
        object.add("calls", summary.calls)
        object.add("seconds", (summary.seconds * 1000).rounded() / 1000)
        return object
    }

    static func describe(_ summary: FlushSummary) -> String {
        "sent \(summary.sent), skipped \(summary.skipped), failed \(summary.failed), parked \(summary.parked); \(summary.calls) Keap calls in \(String(format: "%.2f", summary.seconds)) s"
    }

    /// 0 when every due stream was sent (or deliberately skipped); 75 when some failed and will be tried again; 65
    /// when this run parked some (they need an operator: see `outbox status`).
    static func exitCode(_ summary: FlushSummary) -> Int32 {
        if summary.failed > 0 { return CommandFailure.temporaryFailure }
        if summary.parked > 0 { return CommandFailure.dataError }
        return 0
    }
}

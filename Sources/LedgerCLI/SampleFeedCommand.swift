import ArgumentParser
import LedgerSampleFeed

/// `keap-ledger sample-feed`: a deterministic, realistic feed for the demo, tests and benchmarks.
struct SampleFeedCommand: FailureReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample-feed",
        abstract: "Write a deterministic sample feed (NDJSON) with late arrivals, duplicates and incomplete orders."
    )

    @Option(help: "Number of lines to write (duplicates included).")
    var events: Int = 1000

    @Option(help: "Random seed, \(NumericOptions.seedRange): the same seed gives the same bytes.")
    var seed: UInt64 = 1

    @Option(help: "Share of events delivered after later events of their stream.")
    var lateRate: Double = 0.02

    @Option(help: "Share of lines that re-deliver an earlier event.")
    var duplicateRate: Double = 0.01

    @Option(help: "Share of orders whose order.placed never arrives.")
    var incompleteRate: Double = 0.01

    @Option(help: "The events' source.")
    var source: String = "sample"

    @Option(name: .shortAndLong, help: "Write to this file instead of stdout.")
    var output: String?

    private var configuration: SampleFeedConfiguration {
        SampleFeedConfiguration(
            events: events, seed: seed, source: source, lateRate: lateRate, duplicateRate: duplicateRate,
            incompleteRate: incompleteRate)
    }

    func validate() throws {
        try NumericOptions.events.check(events)
        try NumericOptions.lateRate.check(lateRate)
        try NumericOptions.duplicateRate.check(duplicateRate)
        try NumericOptions.incompleteRate.check(incompleteRate)
        // Checked here so that a bad option is a usage error (exit 64), never the generator's precondition.
        if let problem = configuration.problem { throw ValidationError(problem) }
    }

    func execute() throws {
        var generator = SampleFeedGenerator(configuration: configuration)
        let sink = try BufferedSink(path: output)
        try generator.write { try sink.write($0) }
        try sink.close()
    }
}

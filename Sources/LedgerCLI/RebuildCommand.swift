import ArgumentParser
import LedgerIngest
import LedgerProjection
import LedgerStore

/// `keap-ledger rebuild`: throws the projections away and folds the whole log again (cli.md).
struct RebuildCommand: FailureReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild",
        abstract: "Throw the projections away and derive them again from the log (one transaction).",
        discussion: "The result is identical to incremental projection. --json: events, seconds, events_per_second."
    )

    @OptionGroup var global: GlobalOptions

    func execute() throws {
        let database = try global.openDatabase()
        let started = ContinuousClock.now
        let statistics = try database.rebuild(progress: ProgressLine.seq(label: "rebuild"))
        let seconds = (ContinuousClock.now - started).seconds
        let rate = seconds > 0 ? Double(statistics.events) / seconds : 0
        if global.json {
            var object = JSONObjectWriter()
            object.add("events", statistics.events)
            object.add("streams_written", statistics.streamsWritten)
            object.add("seconds", (seconds * 1000).rounded() / 1000)
            object.add("events_per_second", rate.rounded())
            StandardStreams.out(object.text + "\n")
        } else {
            StandardStreams.out("rebuilt projections from \(statistics.events) events (\(statistics.streamsWritten) streams written) in \(Int(seconds * 1000)) ms (\(Int(rate)) events/s)\n")
        }
    }
}

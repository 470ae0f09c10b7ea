import ArgumentParser
import LedgerIngest
import LedgerProjection
import LedgerStore

/// `keap-ledger project`: catches projections up with the log (cli.md). Idempotent.
struct ProjectCommand: FailureReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: "Catch the projections up with the log (after ingest --no-project, or a crash). Idempotent."
    )

    @OptionGroup var global: GlobalOptions

    func execute() throws {
        let database = try global.openDatabase()
        let started = ContinuousClock.now
        let statistics = try database.project(progress: ProgressLine.seq(label: "project"))
        let seconds = (ContinuousClock.now - started).seconds
        let lag = try database.projectionLag()
        if global.json {
            var object = JSONObjectWriter()
            object.add("events", statistics.events)
            object.add("streams_written", statistics.streamsWritten)
            object.add("last_seq", lag.checkpoint)
            object.add("seconds", (seconds * 1000).rounded() / 1000)
            StandardStreams.out(object.text + "\n")
        } else {
            StandardStreams.out("projected \(statistics.events) events (\(statistics.streamsWritten) streams written); projections at seq \(lag.checkpoint)\n")
        }
    }
}

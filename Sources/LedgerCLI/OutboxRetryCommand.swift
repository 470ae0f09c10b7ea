import ArgumentParser
import LedgerStore

/// `keap-ledger outbox retry REF`: send a parked or failing stream again, from a clean failure count (cli.md).
struct OutboxRetryCommand: FailureReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry",
        abstract: "Send one stream again (kind/ref, or a ref that only one kind has): unpark it and reset its failures."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The stream: kind/ref (order/FH-10023), or a bare ref when only one kind has it.")
    var ref: String

    func execute() throws {
        let database = try global.openDatabase()
        let stream = try database.outboxStream(named: ref)
        let status = try database.control(outboxStream: stream, .retry)
        OutboxControlReport.print(stream: stream, status: status, json: global.json)
    }
}

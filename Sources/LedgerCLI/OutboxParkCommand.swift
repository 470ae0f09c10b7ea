import ArgumentParser
import LedgerStore

/// `keap-ledger outbox park REF`: stop sending one stream until `outbox retry` (cli.md).
struct OutboxParkCommand: FailureReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "park",
        abstract: "Stop sending one stream to Keap (kind/ref, or a ref that only one kind has) until `outbox retry`."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The stream: kind/ref (order/FH-10023), or a bare ref when only one kind has it.")
    var ref: String

    @Option(help: "Why, for the next operator (kept with the stream).")
    var reason: String = "parked by an operator"

    func execute() throws {
        let database = try global.openDatabase()
        let stream = try database.outboxStream(named: ref)
        let status = try database.control(outboxStream: stream, .park(reason: reason))
        OutboxControlReport.print(stream: stream, status: status, json: global.json)
    }
}

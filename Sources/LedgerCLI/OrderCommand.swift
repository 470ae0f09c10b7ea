import ArgumentParser
import LedgerCore
import LedgerStore

/// `keap-ledger order REF`: one order now, as of a business time, or as the ledger knew it (cli.md).
/// Always folded from the log, through the same fold the projections use.
struct OrderCommand: FailureReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "order",
        abstract: "Show one order: now, --as-of T (business time), --known-at T / --at-seq N (what the ledger knew).",
        discussion: "--as-of and --known-at combine. --json prints the order object (see Schemas/order-view.schema.json). Unknown order: exit 65."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The order's external reference (order_ref).")
    var ref: String

    @OptionGroup var pointInTime: PointInTimeOptions

    func execute() throws {
        let database = try global.openDatabase()
        let events = try pointInTime.orderEvents(ref, in: database)
        var order = OrderState(orderRef: ref)
        for event in events { order.apply(event) }
        if global.json {
            StandardStreams.out(JSONWriter.string(order.jsonValue) + "\n")
        } else {
            StandardStreams.out(OrderText.render(order, phrase: pointInTime.phrase))
        }
    }
}

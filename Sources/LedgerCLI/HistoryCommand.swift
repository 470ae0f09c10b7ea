import ArgumentParser
import LedgerCore
import LedgerStore

/// `keap-ledger history REF`: the order's timeline, one row per event in business-time order (cli.md).
struct HistoryCommand: FailureReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show an order's timeline: one row per event with seq, times, type, what changed and the totals after it.",
        discussion: "--json streams NDJSON, one object per event. Unknown order: exit 65."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The order's external reference (order_ref).")
    var ref: String

    @OptionGroup var pointInTime: PointInTimeOptions

    func execute() throws {
        let database = try global.openDatabase()
        let events = try pointInTime.orderEvents(ref, in: database)
        let history = OrderHistory(orderRef: ref, events: events)
        var out = ""
        if !global.json {
            out += "seq\toccurred_at\trecorded_at\ttype\tchange\ttotal\tpaid\tbalance_due\n"
        }
        for step in history.steps {
            let order = step.after
            if global.json {
                let row: JSONValue = .object([
                    "seq": .integer(step.event.seq),
                    "event_id": .string(step.event.id),
                    "source": .string(step.event.source),
                    "occurred_at": .string(step.event.occurredAt.utcText),
                    "recorded_at": .string(step.event.recordedAt.utcText),
                    "type": .string(step.event.type.rawValue),
                    "change": .string(step.change),
                    "anomalies": .array(step.anomalies.map(\.jsonValue)),
                    "complete": .bool(order.isComplete),
                    "status": .text(order.status?.rawValue),
                    "fulfilment": .string(order.fulfilment.rawValue),
                    "totals": order.totalsJSON,
                ])
                out += JSONWriter.string(row) + "\n"
            } else {
                let money = { (amount: Int64) in order.currency?.format(amount) ?? "-" }
                var change = step.change
                for anomaly in step.anomalies { change += " [anomaly \(anomaly.code.rawValue): \(anomaly.message)]" }
                out += "\(step.event.seq)\t\(step.event.occurredAt)\t\(step.event.recordedAt)\t\(step.event.type.rawValue)\t\(change)\t\(money(order.totals.total))\t\(money(order.totals.paid))\t\(money(order.totals.balanceDue))\n"
            }
            if out.utf8.count > 1 << 16 {
                StandardStreams.out(out)
                out = ""
            }
        }
        StandardStreams.out(out)
    }
}

import ArgumentParser
import LedgerCore
import LedgerStore

/// `keap-ledger orders`: lists orders from the projections, with the filters an operator reaches for.
struct OrdersCommand: FailureReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "orders",
        abstract: "List orders from the projections (filters combine). --json streams NDJSON, one order per line.",
        discussion: "Money in --json is decimal text in the order's currency. Projections behind the log are reported on stderr; run `project` to catch up."
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "Reported status: \(OrderStatus.allCases.map(\.rawValue).joined(separator: ", ")).")
    var status: OrderStatus?

    @Option(help: "Fulfilment from shipments: \(Fulfilment.allCases.map(\.rawValue).joined(separator: ", ")).")
    var fulfilment: Fulfilment?

    @Flag(help: "Only incomplete orders (order.placed not yet arrived).")
    var incomplete = false

    @Flag(help: "Only orders with anomalies.")
    var anomalies = false

    @Option(help: "Only orders the ledger learned something about after T (RFC 3339 with offset).")
    var changedSince: String?

    @Option(help: "Only this customer's orders.")
    var customer: String?

    @Option(help: "At most N orders.")
    var limit: Int?

    func validate() throws {
        if let changedSince, (try? Timestamp(rfc3339: changedSince)) == nil {
            throw ValidationError("--changed-since takes an RFC 3339 time with offset, such as 2026-11-20T14:00:00Z; found \"\(changedSince)\"")
        }
        try NumericOptions.ordersLimit.check(limit)
    }

    func execute() throws {
        let database = try global.openDatabase()
        let lag = try database.projectionLag()
        if lag.checkpoint < lag.head {
            StandardStreams.err("keap-ledger: warning: projections are at seq \(lag.checkpoint), the log at \(lag.head); run `keap-ledger project` to catch up\n")
        }
        var filter = OrderFilter()
        filter.status = status
        filter.fulfilment = fulfilment
        filter.complete = incomplete ? false : nil
        filter.withAnomalies = anomalies
        filter.changedSince = changedSince.flatMap { try? Timestamp(rfc3339: $0) }
        filter.customerRef = customer
        filter.limit = limit
        var out = global.json ? "" : "order_ref\tcomplete\tcustomer\tstatus\tfulfilment\ttotal\tpaid\tbalance_due\tcurrency\tanomalies\tlast_seq\n"
        var count = 0
        try database.orders(filter) { order in
            count += 1
            let currency = order.currency.flatMap(Currency.init(code:))
            let money = { (amount: Int64) -> String? in currency?.format(amount) }
            if global.json {
                out += JSONWriter.string(.object([
                    "order_ref": .string(order.orderRef),
                    "complete": .bool(order.isComplete),
                    "customer_ref": .text(order.customerRef),
                    "currency": .text(order.currency),
                    "status": .text(order.status),
                    "fulfilment": .string(order.fulfilment),
                    "total": .text(money(order.total)),
                    "paid": .text(money(order.paid)),
                    "refunded": .text(money(order.refunded)),
                    "balance_due": .text(money(order.balanceDue)),
                    "lines": .integer(order.lineCount),
                    "anomalies": .integer(order.anomalyCount),
                    "waiting_events": .integer(order.waitingEvents),
                    "last_seq": .integer(order.lastSeq),
                    "last_recorded_at": .string(order.lastRecordedAt),
                ])) + "\n"
            } else {
                out += "\(order.orderRef)\t\(order.isComplete ? "yes" : "no")\t\(order.customerRef ?? "-")\t\(order.status ?? "-")\t\(order.fulfilment)\t\(money(order.total) ?? "-")\t\(money(order.paid) ?? "-")\t\(money(order.balanceDue) ?? "-")\t\(order.currency ?? "-")\t\(order.anomalyCount)\t\(order.lastSeq)\n"
            }
            if out.utf8.count > 1 << 16 {
                StandardStreams.out(out)
                out = ""
            }
        }
        StandardStreams.out(out)
        if !global.json { StandardStreams.err("\(count) order(s)\n") }
    }
}

extension OrderStatus: ExpressibleByArgument {}
extension Fulfilment: ExpressibleByArgument {}

import Foundation
import Testing
import LedgerTestSupport

/// `order`, `history`, `orders`, `project`, `rebuild` as an operator runs them, with the answers written out by hand.
@Suite("keap-ledger order / history / orders / project / rebuild as a process")
final class OrderCommandTests {
    let directory: TemporaryDirectory
    var db: String { directory.path("ledger.sqlite") }

    init() throws {
        directory = try TemporaryDirectory(prefix: "keap-ledger-orders")
    }

    /// A class so that each test's folder is removed when the test ends (Swift Testing makes one instance a test).
    deinit { directory.remove() }

    private static let placed = EventBuilder.line("order.placed", at: "2026-11-20T10:00:00Z", id: "e1", data: #"{"order_ref":"O-1","customer_ref":"C-1","currency":"USD","lines":[{"line_ref":"1","sku":"TEA-1","quantity":2,"unit_price":"12.50"},{"line_ref":"2","sku":"MUG-1","quantity":1,"unit_price":"8.00"}],"shipping":"5.00"}"#)
    private static let shipped = EventBuilder.line("shipment.shipped", at: "2026-11-20T12:00:00Z", id: "e2", data: #"{"order_ref":"O-1","shipment_ref":"S-1","carrier":"UPS","tracking_number":"1Z9"}"#)
    private static let latePayment = EventBuilder.line("payment.captured", at: "2026-11-20T10:05:00Z", id: "e3", data: #"{"order_ref":"O-1","payment_ref":"P-1","amount":"38.00","method":"card"}"#)

    private func run(_ arguments: [String]) throws -> LedgerProcess.Outcome {
        try LedgerProcess.run(arguments + ["--db", db])
    }

    private func object(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    private func totals(_ order: [String: Any]) -> [String] {
        let totals = order["totals"] as? [String: Any] ?? [:]
        return ["total", "paid", "balance_due"].map { totals[$0] as? String ?? "?" }
    }

    /// The order placed and shipped in one ingest, its payment (which happened in between) in a later one.
    private func ingestLatePaymentExample() throws {
        let first = try directory.write("first.ndjson", FeedLines.feed(Self.placed, Self.shipped))
        #expect(try run(["ingest", first]).status == 0)
        let second = try directory.write("second.ndjson", FeedLines.feed(Self.latePayment))
        #expect(try run(["ingest", second]).status == 0)
    }

    @Test func orderAnswersNowAsOfKnownAtAndAtSeq() throws {
        try ingestLatePaymentExample()
        // Now: 2 × 12.50 + 8.00 + 5.00 shipping = 38.00, paid, shipped
        let now = try object(try run(["order", "O-1", "--json"]).stdout)
        #expect(totals(now) == ["38.00", "38.00", "0.00"])
        #expect(now["fulfilment"] as? String == "shipped")
        #expect(now["status"] as? String == "pending")
        #expect(now["complete"] as? Bool == true)
        #expect(now["last_seq"] as? Int == 3)
        #expect((now["lines"] as? [[String: Any]])?.map { $0["line_total"] as? String } == ["25.00", "8.00"])
        // As of 10:02 business time: nothing paid yet
        let early = try object(try run(["order", "O-1", "--json", "--as-of", "2026-11-20T10:02:00Z"]).stdout)
        #expect(totals(early) == ["38.00", "0.00", "38.00"])
        #expect(early["fulfilment"] as? String == "unshipped")
        // At seq 2, and as known when seq 2 was recorded: shipped, payment unknown
        let atSeq = try object(try run(["order", "O-1", "--json", "--at-seq", "2"]).stdout)
        #expect(totals(atSeq) == ["38.00", "0.00", "38.00"])
        #expect(atSeq["fulfilment"] as? String == "shipped")
        let history = try run(["history", "O-1", "--json"]).stdout.split(separator: "\n").map { try object(String($0)) }
        let recordedAtSeq2 = try #require(history.first { $0["seq"] as? Int == 2 }?["recorded_at"] as? String)
        let knownAt = try object(try run(["order", "O-1", "--json", "--known-at", recordedAtSeq2]).stdout)
        #expect(totals(knownAt) == ["38.00", "0.00", "38.00"])
        #expect(knownAt["fulfilment"] as? String == "shipped")
        // Both axes: as of 11:00, as known then: placed only
        let both = try object(try run(["order", "O-1", "--json", "--as-of", "2026-11-20T11:00:00Z", "--known-at", recordedAtSeq2]).stdout)
        #expect(totals(both) == ["38.00", "0.00", "38.00"])
        #expect(both["fulfilment"] as? String == "unshipped")
    }

    @Test func historyListsEventsInBusinessTimeOrderWithTotalsAfterEach() throws {
        try ingestLatePaymentExample()
        let run = try run(["history", "O-1", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = try run.stdout.split(separator: "\n").map { try object(String($0)) }
        #expect(rows.map { $0["seq"] as? Int } == [1, 3, 2])
        #expect(rows.map { $0["type"] as? String } == ["order.placed", "payment.captured", "shipment.shipped"])
        #expect(rows.map { totals($0) } == [["38.00", "0.00", "38.00"], ["38.00", "38.00", "0.00"], ["38.00", "38.00", "0.00"]])
        #expect(rows.map { $0["fulfilment"] as? String } == ["unshipped", "unshipped", "shipped"])
        #expect(rows[1]["change"] as? String == "payment P-1 captured: 38.00 (card)")
        // The human view has one row per event too, under a header
        let human = try self.run(["history", "O-1"])
        #expect(human.stdout.split(separator: "\n").count == 4)
    }

    @Test func anUnknownOrderIsADataErrorWithAClearMessage() throws {
        try ingestLatePaymentExample()
        for command in ["order", "history"] {
            let run = try run([command, "NOPE"])
            #expect(run.status == 65)
            #expect(run.stderr.contains("no events for order NOPE"))
        }
        // And an order that had not occurred yet at --as-of is unknown then
        let before = try run(["order", "O-1", "--as-of", "2026-11-19T00:00:00Z"])
        #expect(before.status == 65)
        #expect(before.stderr.contains("as of 2026-11-19T00:00:00Z"))
    }

    @Test func aBadTimeIsAUsageError() throws {
        try ingestLatePaymentExample()
        let run = try run(["order", "O-1", "--as-of", "2026-11-20 10:00"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("RFC 3339"))
    }

    @Test func ordersListsAndFilters() throws {
        try ingestLatePaymentExample()
        // An order whose order.placed has not arrived, with a payment
        let orphan = try directory.write("orphan.ndjson", FeedLines.feed(FeedLines.payment(id: "e9", order: "O-2", amount: "5.00")))
        #expect(try run(["ingest", orphan]).status == 0)
        let all = try run(["orders", "--json"]).stdout.split(separator: "\n").map { try object(String($0)) }
        #expect(all.map { $0["order_ref"] as? String } == ["O-1", "O-2"])
        #expect(all.map { $0["complete"] as? Bool } == [true, false])
        #expect(all.first?["total"] as? String == "38.00")
        let incomplete = try run(["orders", "--json", "--incomplete"]).stdout.split(separator: "\n").map { try object(String($0)) }
        #expect(incomplete.map { $0["order_ref"] as? String } == ["O-2"])
        #expect(incomplete.first?["waiting_events"] as? Int == 1)
        #expect(try run(["orders", "--json", "--status", "cancelled"]).stdout.isEmpty)
        #expect(try run(["orders", "--json", "--fulfilment", "shipped"]).stdout.contains("\"O-1\""))
        #expect(try run(["orders", "--json", "--changed-since", "2999-01-01T00:00:00Z"]).stdout.isEmpty)
    }

    @Test func ingestWithoutProjectionIsReportedAndProjectCatchesUp() throws {
        let feed = try directory.write("feed.ndjson", FeedLines.feed(Self.placed, Self.shipped, Self.latePayment))
        #expect(try run(["ingest", feed, "--no-project"]).status == 0)
        // Then orders warns that projections are behind, and lists nothing yet
        let behind = try run(["orders", "--json"])
        #expect(behind.stdout.isEmpty)
        #expect(behind.stderr.contains("run `keap-ledger project`"))
        // When project runs (twice: idempotent)
        let first = try object(try run(["project", "--json"]).stdout)
        let second = try object(try run(["project", "--json"]).stdout)
        #expect(first["events"] as? Int == 3)
        #expect(second["events"] as? Int == 0)
        #expect(second["last_seq"] as? Int == 3)
        let caughtUp = try run(["orders", "--json"])
        #expect(caughtUp.stderr.isEmpty)
        #expect(caughtUp.stdout.contains("\"O-1\""))
    }

    @Test func jsonViewsMatchTheirPublishedSchema() throws {
        // Given an order with lines, a shipment, a payment, a refund and an anomaly
        try ingestLatePaymentExample()
        let refund = EventBuilder.line("payment.refunded", at: "2026-11-22T10:00:00Z", id: "e4", data: #"{"order_ref":"O-1","payment_ref":"P-9","refund_ref":"R-1","amount":"1.00"}"#)
        #expect(try run(["ingest", try directory.write("refund.ndjson", FeedLines.feed(refund))]).status == 0)
        let order = try directory.write("order.json", try run(["order", "O-1", "--json"]).stdout)
        let history = try directory.write("history.ndjson", try run(["history", "O-1", "--json"]).stdout)
        // Then both validate against Schemas/order-view.schema.json (python jsonschema, as for the feed schemas)
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator(schema).validate(json.load(open(sys.argv[2])))
            row = dict(schema["$defs"]["historyRow"], **{"$defs": schema["$defs"]})
            rows = [json.loads(line) for line in open(sys.argv[3])]
            assert len(rows) == 4, rows
            for each in rows: jsonschema.Draft202012Validator(row).validate(each)
            print("valid")
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, RepositoryPaths.root.appendingPathComponent("Schemas/order-view.schema.json").path, order, history]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0 && text.contains("valid"), "\(text)")
    }

    @Test func outboxStatusCountsPendingAndWaitingStreamsPerKind() throws {
        try ingestLatePaymentExample()
        let orphan = try directory.write("orphan.ndjson", FeedLines.feed(FeedLines.payment(id: "e9", order: "O-2", amount: "5.00")))
        #expect(try run(["ingest", orphan]).status == 0)
        let run = try run(["outbox", "status", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let status = try object(run.stdout)
        #expect(status["pending"] as? Int == 1)
        #expect(status["waiting"] as? Int == 1)
        #expect(status["sent"] as? Int == 0 && status["parked"] as? Int == 0 && status["in_flight"] as? Int == 0)
        #expect(status["oldest_pending_seconds"] is Int)
        let orders = (status["kinds"] as? [String: Any])?["order"] as? [String: Any]
        #expect(orders?["pending"] as? Int == 1 && orders?["waiting"] as? Int == 1)
        // Human output: a row per kind and a total (pending, in_flight, sent, waiting, parked)
        let human = try self.run(["outbox", "status"]).stdout
        #expect(human.contains("kind\tpending\tin_flight\tsent\twaiting\tparked\n"))
        #expect(human.contains("total\t1\t0\t0\t1\t0"))
    }

    @Test func outboxParkAndRetryAreOperatorControlsOverOneStream() throws {
        // Given an order and a customer that share the ref X-1
        let feed = try directory.write("x.ndjson", FeedLines.feed(
            FeedLines.orderPlaced(id: "x1", ref: "X-1"),
            FeedLines.customer(id: "x2", ref: "X-1")
        ))
        #expect(try run(["ingest", feed]).status == 0)
        // When the order is parked by its full name
        let park = try run(["outbox", "park", "order/X-1", "--reason", "waiting for the customer", "--json"])
        #expect(park.status == 0, "\(park.stderr)")
        #expect(try object(park.stdout)["status"] as? String == "parked")
        #expect(try object(try run(["outbox", "status", "--json"]).stdout)["parked"] as? Int == 1)
        // Then a new event keeps it parked, and retry makes it pending again
        #expect(try run(["ingest", try directory.write("p.ndjson", FeedLines.feed(FeedLines.payment(id: "x3", order: "X-1", amount: "1.00")))]).status == 0)
        #expect(try object(try run(["outbox", "status", "--json"]).stdout)["parked"] as? Int == 1)
        let retry = try run(["outbox", "retry", "order/X-1"])
        #expect(retry.stdout == "order/X-1: pending\n")
        // A bare ref that two kinds share is a usage error naming both; an unknown one is a data error
        let ambiguous = try run(["outbox", "park", "X-1"])
        #expect(ambiguous.status == 64)
        #expect(ambiguous.stderr.contains("customer/X-1, order/X-1"))
        #expect(try run(["outbox", "retry", "NOPE"]).status == 65)
    }

    @Test func rebuildReportsTheContractKeys() throws {
        try ingestLatePaymentExample()
        let run = try run(["rebuild", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let summary = try object(run.stdout)
        #expect(Set(summary.keys).isSuperset(of: ["events", "seconds", "events_per_second"]))
        #expect(summary["events"] as? Int == 3)
        #expect(try object(try self.run(["order", "O-1", "--json"]).stdout)["last_seq"] as? Int == 3)
    }
}

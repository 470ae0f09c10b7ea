import Foundation
import KeapSandbox
import LedgerCore
import LedgerStore
import LedgerTestSupport
import Testing
@testable import LedgerSync

/// An overpaid order must not look unpaid in Keap (issue #12 item 6): a payment is recorded up to Keap's balance,
/// the rest named in its note and recorded later when the order makes room, never money a refund returned.
@Suite("Overpaid orders in Keap", .awaitedTeardown)
struct OverpaymentTests {
    private static let start = [
        EventBuilder.line("customer.upserted", at: "2026-11-20T09:00:00Z", id: "c1", data: #"{"customer_ref":"C-1","email":"ada@example.com","first_name":"Ada"}"#),
        EventBuilder.line("product.upserted", at: "2026-11-20T09:00:00Z", id: "s1", data: #"{"sku":"TEA-1","name":"Green tea","price":"35.25","currency":"USD"}"#),
        // 3 x 35.25 + 5.95 + 2.51 = 114.21, paid in full; then the line goes to 2: 78.96, no refund yet.
        EventBuilder.line("order.placed", at: "2026-11-20T10:00:00Z", id: "o1", data: #"{"order_ref":"O-1","customer_ref":"C-1","currency":"USD","lines":[{"line_ref":"1","sku":"TEA-1","quantity":3,"unit_price":"35.25"}],"shipping":"5.95","tax":"2.51"}"#),
        EventBuilder.line("payment.captured", at: "2026-11-20T10:05:00Z", id: "p1", data: #"{"order_ref":"O-1","payment_ref":"P-1","amount":"114.21","method":"card"}"#),
        EventBuilder.line("order.line_changed", at: "2026-11-20T11:00:00Z", id: "l1", data: #"{"order_ref":"O-1","line_ref":"1","quantity":2}"#),
    ].joined(separator: "\n")

    private static func keapOrder(_ harness: SyncHarness) async throws -> SandboxOrder {
        try #require(await harness.sandbox.snapshot().orders(customField: "ExternalOrderRef", equals: "O-1").first)
    }

    @Test func anOverpaidOrderShowsPaidInFullWithTheExcessNamedAndARefundOfTheExcessChangesNothing() async throws {
        let harness = try await SyncHarness.start()
        await AwaitedTeardown.add { await harness.stop() }
        try await harness.setup()
        try harness.ingest(Self.start)
        _ = try await harness.flush(limit: 2)  // the customer and the product

        // The plan says what will be recorded.
        let lines = LineCollector()
        _ = try await OutboxFlusher(database: harness.database, client: harness.client, settings: SyncSettings(tenantCurrency: Currency(code: "USD")!))
            .flush(FlushOptions(dryRun: true)) { line in lines.append(line) }
        #expect(lines.lines.contains("order/O-1: POST /v2/orders/{id}/payments (P-1: 78.96 of 114.21 USD, the rest is above the order's total)"), "\(lines.lines)")

        // When the order is flushed, then Keap shows it paid in full (nothing due) and the payment's note names the
        // whole payment; the operator is told where the rest went.
        let first = try await harness.flush()
        #expect(first.parked == 0 && first.failed == 0)
        var order = try await Self.keapOrder(harness)
        #expect(order.total == 7896)
        #expect(order.totalPaid == 7896)
        #expect(order.balance == 0)
        #expect(order.payments.map(\.notes) == ["P-1 [part 1: 78.96 of 114.21 USD]"])
        #expect(order.payments.map(\.amountText) == ["78.96"])
        #expect(first.messages.contains { $0.contains("P-1") && $0.contains("35.25") && $0.contains("above the order's total") }, "\(first.messages)")
        #expect(try KeapAgreement.problems(ledger: harness.database, keap: await harness.sandbox.snapshot()) == [])
        #expect(try await harness.flush().calls == 0)

        // When the excess is refunded, then Keap's paid amount does not change and the refund is logged.
        try harness.ingest(EventBuilder.line("payment.refunded", at: "2026-11-21T10:00:00Z", id: "r1", data: #"{"order_ref":"O-1","payment_ref":"P-1","refund_ref":"R-1","amount":"35.25"}"#))
        let second = try await harness.flush()
        #expect(second.parked == 0 && second.failed == 0)
        order = try await Self.keapOrder(harness)
        #expect(order.totalPaid == 7896)
        #expect(order.payments.count == 1)
        #expect(order.customField(label: "RefundLog")?.contains("R-1: 35.25 USD of payment P-1") == true)
        #expect(try KeapAgreement.problems(ledger: harness.database, keap: await harness.sandbox.snapshot()) == [])
        let snapshot = await harness.sandbox.snapshot()
        #expect(snapshot.calls.filter { $0.method == "POST" && $0.path.hasSuffix("/payments") }.count == 1)

        // A later change that raises the total does not record money the refund returned.
        try harness.ingest(EventBuilder.line("order.line_added", at: "2026-11-22T10:00:00Z", id: "la1", data: #"{"order_ref":"O-1","line":{"line_ref":"2","sku":"TEA-1","quantity":1,"unit_price":"35.25"}}"#))
        #expect(try await harness.flush().parked == 0)
        order = try await Self.keapOrder(harness)
        #expect(order.total == 7896 + 3525)
        #expect(order.totalPaid == 7896)
        #expect(order.payments.count == 1)
    }

    @Test func theRestIsRecordedAsASecondPartWhenALaterChangeMakesRoom() async throws {
        let harness = try await SyncHarness.start()
        await AwaitedTeardown.add { await harness.stop() }
        try await harness.setup()
        try harness.ingest(Self.start)
        _ = try await harness.flush()

        // When a line of 20.00 is added (room for 20.00 of the 35.25), then a second part records it; when another
        // makes room for the rest, a third records the rest, and the payment is then whole in Keap.
        try harness.ingest(EventBuilder.line("order.line_added", at: "2026-11-22T10:00:00Z", id: "la1", data: #"{"order_ref":"O-1","line":{"line_ref":"2","sku":"TEA-1","quantity":1,"unit_price":"20.00"}}"#))
        let second = try await harness.flush()
        #expect(second.parked == 0 && second.failed == 0)
        var order = try await Self.keapOrder(harness)
        #expect(order.totalPaid == 9896 && order.balance == 0)
        #expect(order.payments.map(\.notes) == ["P-1 [part 1: 78.96 of 114.21 USD]", "P-1 [part 2: 20.00 of 114.21 USD]"])

        try harness.ingest(EventBuilder.line("order.line_added", at: "2026-11-22T11:00:00Z", id: "la2", data: #"{"order_ref":"O-1","line":{"line_ref":"3","sku":"TEA-1","quantity":1,"unit_price":"50.00"}}"#))
        let third = try await harness.flush()
        #expect(third.parked == 0 && third.failed == 0)
        order = try await Self.keapOrder(harness)
        #expect(order.total == 14896)
        #expect(order.totalPaid == 11421)
        #expect(order.payments.map(\.notes).last == "P-1 [part 3: 15.25 of 114.21 USD]")
        #expect(try KeapAgreement.problems(ledger: harness.database, keap: await harness.sandbox.snapshot()) == [])
        #expect(try await harness.flush().calls == 0)

        // Reconcile agrees with what Keap holds (its paid check knows the rule).
        let report = try await Reconciler(database: harness.database, client: harness.client,
                                          settings: SyncSettings(tenantCurrency: Currency(code: "USD")!)).reconcile(ReconcileOptions())
        #expect(report.discrepancies.isEmpty, "\(report.discrepancies)")
    }

    @Test func aPartWhoseAnswerWasLostIsFoundByItsNoteAndNotRecordedTwice() async throws {
        let harness = try await SyncHarness.start()
        await AwaitedTeardown.add { await harness.stop() }
        try await harness.setup()
        let lines = Self.start.split(separator: "\n").map(String.init)
        try harness.ingest(lines.filter { !$0.contains("payment.captured") }.joined(separator: "\n"))
        _ = try await harness.flush()

        // Given the part's POST applied and its answer dropped, when the next flush runs, then it finds the part by
        // its note (the rule-2 lookup) and records nothing twice.
        await harness.sandbox.setFaults(SandboxFaultPlan(seed: 1, probability: 1, kinds: [.dropAfterApply], methods: ["POST"], maxFaults: 1))
        try harness.ingest(lines.first { $0.contains("payment.captured") }!)
        let lost = try await harness.flush()
        #expect(lost.failed == 1)
        #expect(try await harness.flush().failed == 0)
        let order = try await Self.keapOrder(harness)
        #expect(order.payments.count == 1)
        #expect(order.totalPaid == 7896)
        let resolution = try harness.query { db in try String.fetchOne(db, sql: "SELECT resolution FROM keap_ref WHERE kind = 'payment' AND owner = 'O-1'") }
        #expect(resolution == "adopted")
        #expect(try KeapAgreement.problems(ledger: harness.database, keap: await harness.sandbox.snapshot()) == [])
    }
}

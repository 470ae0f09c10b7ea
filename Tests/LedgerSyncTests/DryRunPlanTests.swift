import KeapSandbox
import LedgerCore
import LedgerTestSupport
import Testing
@testable import LedgerSync

/// `outbox flush --dry-run` prints the plan the flush then carries out: the writes it lists are the writes Keap sees.
@Suite("Dry run and flush share one plan", .awaitedTeardown)
struct DryRunPlanTests {
    private static let start = [
        EventBuilder.line("customer.upserted", at: "2026-11-20T09:00:00Z", id: "c1", data: #"{"customer_ref":"C-1","email":"ada@example.com"}"#),
        EventBuilder.line("product.upserted", at: "2026-11-20T09:00:00Z", id: "s1", data: #"{"sku":"TEA-1","name":"Green tea","price":"12.50","currency":"USD"}"#),
        EventBuilder.line("product.upserted", at: "2026-11-20T09:00:00Z", id: "s2", data: #"{"sku":"MUG-1","name":"Mug","price":"8.00","currency":"USD"}"#),
        EventBuilder.line("order.placed", at: "2026-11-20T10:00:00Z", id: "o1", data: #"{"order_ref":"O-1","customer_ref":"C-1","currency":"USD","lines":[{"line_ref":"1","sku":"TEA-1","quantity":2,"unit_price":"12.50"},{"line_ref":"2","sku":"MUG-1","quantity":1,"unit_price":"8.00"}],"shipping":"4.95"}"#),
    ].joined(separator: "\n")

    /// A changed line, a removed one, a new one, tracking (custom fields), a payment; and an order Keap cannot hold.
    private static let changes = [
        EventBuilder.line("order.line_changed", at: "2026-11-21T09:00:00Z", id: "l1", data: #"{"order_ref":"O-1","line_ref":"1","quantity":3}"#),
        EventBuilder.line("order.line_removed", at: "2026-11-21T09:01:00Z", id: "l2", data: #"{"order_ref":"O-1","line_ref":"2"}"#),
        EventBuilder.line("order.line_added", at: "2026-11-21T09:02:00Z", id: "l3", data: #"{"order_ref":"O-1","line":{"line_ref":"3","sku":"TEA-1","quantity":1,"unit_price":"12.50"}}"#),
        EventBuilder.line("shipment.shipped", at: "2026-11-21T12:00:00Z", id: "sh1", data: #"{"order_ref":"O-1","shipment_ref":"SH-1","carrier":"UPS","tracking_number":"1Z999"}"#),
        EventBuilder.line("payment.captured", at: "2026-11-21T12:05:00Z", id: "p1", data: #"{"order_ref":"O-1","payment_ref":"P-1","amount":"54.95","method":"card"}"#),
        EventBuilder.line("order.placed", at: "2026-11-21T10:00:00Z", id: "o2", data: #"{"order_ref":"O-2","customer_ref":"C-1","currency":"EUR","lines":[{"line_ref":"1","sku":"TEA-1","quantity":1,"unit_price":"12.50"}]}"#),
    ].joined(separator: "\n")

    /// "METHOD /path" of a dry-run line or a logged call, without the query (the dry run does not spell update masks).
    private static func call(_ text: Substring) -> String {
        let parts = text.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2 else { return String(text) }
        return "\(parts[0]) \(parts[1].split(separator: "?", maxSplits: 1)[0])"
    }

    @Test func theWritesADryRunListsAreTheWritesTheFlushMakesAndAnOrderItWouldParkIsSaidSo() async throws {
        let harness = try await SyncHarness.start()
        await AwaitedTeardown.add { await harness.stop() }
        try await harness.setup()
        try harness.ingest(Self.start)
        #expect(try await harness.flush().sent == 4)
        try harness.ingest(Self.changes)

        // When the changes are planned…
        let lines = LineCollector()
        let settings = SyncSettings(tenantCurrency: Currency(code: "USD")!)
        _ = try await OutboxFlusher(database: harness.database, client: harness.client, settings: settings)
            .flush(FlushOptions(dryRun: true)) { line in lines.append(line) }
        let planned = lines.lines.filter { $0.hasPrefix("order/O-1: ") }.map { Self.call($0.dropFirst("order/O-1: ".count)) }
        // …then the plan names the item ids Keap gave, in the order the flush goes: items, custom fields, payments.
        #expect(planned == [
            "PATCH /v2/orders/1/items/1",
            "POST /v2/orders/1/items",
            "DELETE /v2/orders/1/items/2",
            "PATCH /v2/orders/1",
            "POST /v2/orders/1/payments",
        ], "\(lines.lines)")
        // The EUR order is refused by the same rule the flush parks it by, not planned as a create.
        #expect(lines.lines.contains { $0.hasPrefix("order/O-2: would be parked: order O-2 is in EUR") }, "\(lines.lines)")

        // When the flush runs, then Keap sees exactly the planned writes (its reads are its own business).
        let before = await harness.sandbox.snapshot().calls.count
        let summary = try await harness.flush()
        #expect(summary.sent == 1 && summary.parked == 1, "\(summary)")
        let writes = await harness.sandbox.snapshot().calls.dropFirst(before).filter { $0.method != "GET" }.map { Self.call("\($0.method) \($0.path)"[...]) }
        #expect(writes == planned)
        let order = try #require(await harness.sandbox.snapshot().orders(customField: "ExternalOrderRef", equals: "O-1").first)
        #expect(order.balance == 0)
    }
}

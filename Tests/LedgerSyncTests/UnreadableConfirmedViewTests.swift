import Foundation
import GRDB
import KeapSandbox
import LedgerCore
import LedgerStore
import LedgerTestSupport
import Testing
@testable import LedgerSync

/// A stored confirmed view that does not read as a typed view (issue 14): the stream counts as never confirmed, as
/// an unparseable one always did, so the flush compares with what Keap shows; the reason is named, not swallowed.
@Suite("A confirmed view that does not read", .awaitedTeardown)
struct UnreadableConfirmedViewTests {
    private static let lines = [
        EventBuilder.line("customer.upserted", at: "2026-11-20T09:00:00Z", id: "c1", data: #"{"customer_ref":"C-1","email":"ada@example.com"}"#),
        EventBuilder.line("product.upserted", at: "2026-11-20T09:00:00Z", id: "s1", data: #"{"sku":"TEA-1","name":"Green tea","price":"12.50","currency":"USD"}"#),
        EventBuilder.line("order.placed", at: "2026-11-20T10:00:00Z", id: "o1", data: #"{"order_ref":"O-1","customer_ref":"C-1","currency":"USD","lines":[{"line_ref":"1","sku":"TEA-1","quantity":2,"unit_price":"12.50"}]}"#),
    ]

    @Test func anOrderWhoseConfirmedViewDoesNotReadIsComparedWithKeapAndTheReasonNamed() async throws {
        let harness = try await SyncHarness.start()
        await AwaitedTeardown.add { await harness.stop() }
        try await harness.setup()
        try harness.ingest(Self.lines.joined(separator: "\n"))
        let first = try await harness.flush()
        #expect(first.sent == 3)
        // Given the order's stored confirmed view with a price the view never writes, and a change to send
        try await harness.database.writer.write { db in
            try db.execute(sql: "UPDATE outbox_stream SET confirmed_json = CAST(REPLACE(CAST(confirmed_json AS TEXT), '\"12.50\"', '\"12.5\"') AS BLOB) WHERE stream = 'order/O-1'")
        }
        try harness.ingest(EventBuilder.line("order.status_changed", at: "2026-11-21T10:00:00Z", id: "st1", data: #"{"order_ref":"O-1","status":"processing"}"#))
        let callsBefore = await harness.sandbox.snapshot().calls.count

        // When it is flushed
        let summary = try await harness.flush()

        // Then it is sent after reading Keap's order (what an unconfirmed order does), and the reason is named
        #expect(summary.sent == 1 && summary.failed == 0 && summary.parked == 0)
        let calls = await harness.sandbox.snapshot().calls.dropFirst(callsBefore)
        #expect(calls.first.map { $0.method == "GET" && $0.path.hasPrefix("/v2/orders/") } == true, "\(calls.map { "\($0.method) \($0.path)" })")
        #expect(summary.messages.contains { $0.hasPrefix("order/O-1: the view Keap last confirmed does not read (items[0].price_per_unit: expected an amount in USD") })
        // And the view now stored reads again: nothing is left to send
        let again = try await harness.flush()
        #expect(again.calls == 0)
        let keap = await harness.sandbox.snapshot()
        #expect(try KeapAgreement.problems(ledger: harness.database, keap: keap) == [])
    }
}

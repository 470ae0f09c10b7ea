import KeapClient
import KeapSandbox
import LedgerCore
import LedgerStore
import LedgerThreads
import LedgerTestSupport
import Testing
@testable import LedgerSync

/// Reconcile and relink read and write SQLite between their Keap calls, as the flush does: their work runs on a
/// writer executor of their own, never on Swift's two-thread cooperative pool (issue #12's rule, applied to #11's
/// commands). The transport notes, per request, whether it left from that executor.
@Suite(.awaitedTeardown) struct OffThePoolTests {
    private static let customer = EventBuilder.line("customer.upserted", at: "2026-11-20T09:00:00Z", id: "c1", data: #"{"customer_ref":"C-1","email":"ada@example.com","first_name":"Ada","last_name":"Lovelace"}"#)
    private static let product = EventBuilder.line("product.upserted", at: "2026-11-20T09:00:00Z", id: "s1", data: #"{"sku":"TEA-1","name":"Green tea","price":"12.50","currency":"USD"}"#)
    private static let placed = EventBuilder.line("order.placed", at: "2026-11-20T10:00:00Z", id: "o1", data: #"{"order_ref":"O-1","customer_ref":"C-1","currency":"USD","lines":[{"line_ref":"1","sku":"TEA-1","quantity":2,"unit_price":"12.50"}]}"#)

    @Test func reconcileAndRelinkSendEveryCallFromTheirWriterExecutor() async throws {
        let writer = ThreadExecutor(name: "test-reconcile-relink")
        let (harness, calls) = try await SyncHarness.startRecording(writer: writer)
        await AwaitedTeardown.add { await harness.stop() }
        try await harness.setup()
        try harness.ingest([Self.customer, Self.product, Self.placed].joined(separator: "\n"))
        _ = try await harness.flush()
        let settings = SyncSettings(tenantCurrency: Currency(code: "USD")!)

        let before = calls.calls.count
        let report = try await Reconciler(database: harness.database, client: harness.client, settings: settings, writer: writer)
            .reconcile(ReconcileOptions())
        #expect(report.checked == 1)
        #expect(report.discrepancies.isEmpty)
        let relink = try await KeapRelinker(database: harness.database, client: harness.client, settings: settings, writer: writer)
            .relink(dryRun: true)
        #expect(relink.dryRun)
        let theirs = calls.calls[before...]
        #expect(theirs.count == report.calls + relink.calls)
        #expect(!theirs.isEmpty)
        let offWriter = theirs.filter { !$0.onWriter }.map { "\($0.method) \($0.url)" }
        #expect(offWriter.isEmpty, "\(offWriter)")
        // The flush before them used its own executor, so the check can tell the two apart.
        #expect(calls.calls.prefix(before).contains { !$0.onWriter })
    }
}

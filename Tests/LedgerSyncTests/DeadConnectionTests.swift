import Foundation
import KeapClient
import KeapSandbox
import LedgerCore
import LedgerStore
import LedgerThreads
import LedgerTestSupport
import Testing
@testable import LedgerSync

/// Issue #12: a connection Keap drops after applying a call is noticed, not timed out, with the production timeout (30 s)
/// in force, and the flush's work runs on its writer thread, off Swift's cooperative pool.
@Suite("Dead connections in a flush", .awaitedTeardown)
struct DeadConnectionTests {
    private static let customer = EventBuilder.line("customer.upserted", at: "2026-11-20T09:00:00Z", id: "c1", data: #"{"customer_ref":"C-1","email":"ada@example.com","first_name":"Ada","last_name":"Lovelace"}"#)
    private static let product = EventBuilder.line("product.upserted", at: "2026-11-20T09:00:00Z", id: "s1", data: #"{"sku":"TEA-1","name":"Green tea","price":"12.50","currency":"USD"}"#)
    private static let placed = EventBuilder.line("order.placed", at: "2026-11-20T10:00:00Z", id: "o1", data: #"{"order_ref":"O-1","customer_ref":"C-1","currency":"USD","lines":[{"line_ref":"1","sku":"TEA-1","quantity":2,"unit_price":"12.50"}],"shipping":"4.95","tax":"2.10","discount":"1.00"}"#)
    private static let paid = EventBuilder.line("payment.captured", at: "2026-11-20T11:00:00Z", id: "p1", data: #"{"order_ref":"O-1","payment_ref":"P-1","amount":"31.05","method":"card"}"#)

    @Test("an order create whose connection is dropped after applying is an unknown outcome, not a timeout; the next flush adopts it", .timeLimit(.minutes(5)))
    func droppedCreateIsClassifiedAtOnce() async throws {
        let writer = ThreadExecutor(name: "keap-ledger-flush")
        // A timeout no run reaches within the time limit: ending at all proves the drop was noticed, not waited out.
        let (harness, calls) = try await SyncHarness.startRecording(writer: writer, requestTimeout: .seconds(3600))
        await AwaitedTeardown.add { await harness.stop() }
        try await harness.setup()
        try harness.ingest([Self.customer, Self.product].joined(separator: "\n"))
        _ = try await harness.flush()
        var settings = SyncSettings(tenantCurrency: Currency(code: "USD")!)
        settings.maxAttempts = 5
        let flusher = OutboxFlusher(database: harness.database, client: harness.client, settings: settings, writer: writer)

        // The order's POST is applied, then its connection closed with no answer.
        await harness.sandbox.setFaults(SandboxFaultPlan(seed: 1, probability: 1, kinds: [.dropAfterApply], methods: ["POST"], maxFaults: 1))
        try harness.ingest([Self.placed, Self.paid].joined(separator: "\n"))
        let before = calls.calls.count
        let lost = try await flusher.flush(FlushOptions())
        #expect(lost.failed == 1)
        let dropped = try #require(calls.calls[before...].first { $0.method == "POST" })
        #expect(dropped.failure == .connectionLost)
        // No wall-clock bound (a loaded machine stretches any): the one-hour timeout cannot be reached within the
        // time limit, so the drop was noticed. The milliseconds are the benchmark's to measure
        // (`keap-ledger-bench flush --fault-rate`).
        #expect(try harness.database.keapRef(KeapRefKey(.order, "O-1")) == .intent)

        await harness.sandbox.setFaults(.none)
        let recovered = try await flusher.flush(FlushOptions())
        #expect(recovered.sent == 1)
        let snapshot = await harness.sandbox.snapshot()
        #expect(snapshot.orders(customField: "ExternalOrderRef", equals: "O-1").count == 1)
        #expect(try KeapAgreement.problems(ledger: harness.database, keap: snapshot) == [])
        // Every request of both flushes left from the writer thread: the streams' work (and its SQLite writes) ran
        // there, not on the cooperative pool.
        let flushCalls = calls.calls[before...]
        #expect(!flushCalls.isEmpty)
        let offWriter = flushCalls.filter { !$0.onWriter }.map { "\($0.method) \($0.url)" }
        #expect(offWriter.isEmpty, "\(offWriter)")
        // Setup's calls did not go through a flusher, so they did not run there: the check can tell them apart.
        let setupOffWriter = calls.calls.prefix(before).contains { !$0.onWriter }
        #expect(setupOffWriter)
    }
}

import Foundation
import GRDB
import KeapSandbox
import LedgerCore
import LedgerProjection
import LedgerStore
import LedgerTestSupport
import Testing
@testable import LedgerSync

/// `outbox flush` against the Keap sandbox over real HTTP: the "done when" list of issue #5.
@Suite("Outbox flush against the Keap sandbox", .awaitedTeardown)
struct OutboxFlushTests {
    private static let customer = EventBuilder.line("customer.upserted", at: "2026-11-20T09:00:00Z", id: "c1", data: #"{"customer_ref":"C-1","email":"ada@example.com","first_name":"Ada","last_name":"Lovelace"}"#)
    private static let product = EventBuilder.line("product.upserted", at: "2026-11-20T09:00:00Z", id: "s1", data: #"{"sku":"TEA-1","name":"Green tea","price":"12.50","currency":"USD"}"#)

    private static func placed(_ ref: String, id: String) -> String {
        EventBuilder.line("order.placed", at: "2026-11-20T10:00:00Z", id: id, data: #"{"order_ref":"\#(ref)","customer_ref":"C-1","currency":"USD","lines":[{"line_ref":"1","sku":"TEA-1","quantity":2,"unit_price":"12.50"}],"shipping":"4.95","tax":"2.10","discount":"1.00"}"#)
    }

    private static func payment(_ ref: String, id: String, amount: String) -> String {
        EventBuilder.line("payment.captured", at: "2026-11-20T11:00:00Z", id: id, data: #"{"order_ref":"\#(ref)","payment_ref":"P-\#(id)","amount":"\#(amount)","method":"card"}"#)
    }

    @Test func aNewOrderWithKnownContactAndProductCostsAtMostThreeCallsAndAStatusChangeOne() async throws {
        let harness = try await SyncHarness.start()
        await AwaitedTeardown.add { await harness.stop() }
        try await harness.setup()
        try harness.ingest([Self.customer, Self.product, Self.placed("O-1", id: "o1")].joined(separator: "\n"))
        let first = try await harness.flush()
        #expect(first.sent == 3)
        #expect(first.failed == 0 && first.parked == 0)

        // A new order (contact and product already in Keap) with a payment: order with all lines + payment.
        try harness.ingest([Self.placed("O-2", id: "o2"), Self.payment("O-2", id: "p2", amount: "31.05")].joined(separator: "\n"))
        let second = try await harness.flush()
        #expect(second.sent == 1)
        #expect(second.calls <= 3)

        // A status change on an existing order: one PATCH.
        try harness.ingest(EventBuilder.line("order.status_changed", at: "2026-11-21T10:00:00Z", id: "st2", data: #"{"order_ref":"O-2","status":"processing"}"#))
        let third = try await harness.flush()
        #expect(third.sent == 1)
        #expect(third.calls == 1)

        // Tracking on a shipment: one PATCH.
        try harness.ingest(EventBuilder.line("shipment.shipped", at: "2026-11-21T12:00:00Z", id: "sh2", data: #"{"order_ref":"O-2","shipment_ref":"S-1","carrier":"UPS","tracking_number":"1Z999"}"#))
        let fourth = try await harness.flush()
        #expect(fourth.sent == 1)
        #expect(fourth.calls == 1)

        let snapshot = await harness.sandbox.snapshot()
        #expect(try KeapAgreement.problems(ledger: harness.database, keap: snapshot) == [])
        let order = try #require(snapshot.orders(customField: "ExternalOrderRef", equals: "O-2").first)
        #expect(order.total == 3105)
        #expect(order.customField(label: "FulfillmentStatus") == "processing")
        #expect(order.customField(label: "TrackingNumber") == "1Z999")
        #expect(order.payments.map(\.amountText) == ["31.05"])
        // Prices travel as decimals with the currency's scale, never through Double; the DISCOUNT negative (the
        // default sign since issue #12, which the sandbox's default tenant sums as written).
        #expect(order.items.compactMap(\.pricePerUnitText).sorted() == ["-1.00", "12.50", "2.10", "4.95"])
        #expect(snapshot.counters.forbiddenUsage == SandboxForbiddenUsage())
    }

    @Test func aSecondFlushAndARebuildThenFlushMakeNoCalls() async throws {
        let harness = try await SyncHarness.start()
        await AwaitedTeardown.add { await harness.stop() }
        try await harness.setup()
        try harness.ingestSample(events: 1_500, seed: 7)
        var runs = 0
        while try harness.pendingSendable() > 0, runs < 3 {
            _ = try await harness.flush()
            runs += 1
        }
        let again = try await harness.flush()
        #expect(again.calls == 0)
        #expect(again.sent == 0)
        _ = try harness.database.rebuild()
        let afterRebuild = try await harness.flush()
        #expect(afterRebuild.calls == 0)
        #expect(afterRebuild.sent == 0)
        #expect(try KeapAgreement.problems(ledger: harness.database, keap: await harness.sandbox.snapshot()) == [])
    }

    @Test(arguments: [UInt64(11), 12])
    func aFeedSyncedThroughTwentyPercentFaultsOfEveryKindEndsExactlyRight(seed: UInt64) async throws {
        let faults = SandboxFaultPlan(seed: seed, probability: 0.2, kinds: [.throttle429, .error500BeforeApply, .dropAfterApply, .slow(.milliseconds(1500))])
        let harness = try await SyncHarness.start(KeapSandboxConfiguration(), requestTimeout: .seconds(1))
        await AwaitedTeardown.add { await harness.stop() }
        try await harness.setup()
        await harness.sandbox.setFaults(faults)
        try harness.ingestSample(events: 2_000, seed: seed)
        var runs = 0
        while try harness.pendingSendable() > 0, runs < 25 {
            _ = try await harness.flush(maxAttempts: 50)
            runs += 1
        }
        #expect(try harness.pendingSendable() == 0)
        let snapshot = await harness.sandbox.snapshot()
        #expect(snapshot.counters.totalFaults > 50)
        #expect(try KeapAgreement.problems(ledger: harness.database, keap: snapshot) == [])
        // The feed's subscriptions went through the same faults (their status changes: SubscriptionFlushTests).
        #expect(snapshot.subscriptions.count > 10)
        // Only orders that cannot be represented (not in the tenant's currency) are parked.
        let parked = try harness.query { db in try String.fetchAll(db, sql: "SELECT coalesce(parked_reason, '') FROM outbox_stream WHERE status = 'parked'") }
        #expect(parked.allSatisfy { $0.contains("currency") }, "\(parked.prefix(3))")
    }

    @Test func aPoisonOrderIsParkedAfterItsAttemptsWhileTheOthersSync() async throws {
        let harness = try await SyncHarness.start(KeapSandboxConfiguration(poisonOrderTitles: ["O-BAD"]))
        await AwaitedTeardown.add { await harness.stop() }
        try await harness.setup()
        try harness.ingest([Self.customer, Self.product, Self.placed("O-1", id: "o1"), Self.placed("O-BAD", id: "ob"), Self.placed("O-3", id: "o3")].joined(separator: "\n"))
        var parked = 0
        for run in 1...3 {
            let summary = try await harness.flush(maxAttempts: 3)
            parked += summary.parked
            if run < 3 { #expect(summary.failed == 1) }
        }
        #expect(parked == 1)
        let row = try #require(try harness.query { db in try Row.fetchOne(db, sql: "SELECT * FROM outbox_stream WHERE stream = 'order/O-BAD'") })
        #expect(row["status"] as String == "parked")
        #expect(row["attempts"] as Int == 3)
        #expect((row["last_error"] as String).contains("creating order O-BAD"))
        let snapshot = await harness.sandbox.snapshot()
        #expect(snapshot.orders(customField: "ExternalOrderRef", equals: "O-1").count == 1)
        #expect(snapshot.orders(customField: "ExternalOrderRef", equals: "O-3").count == 1)
        #expect(snapshot.orders(customField: "ExternalOrderRef", equals: "O-BAD").isEmpty)
        // Parked stays parked: the next flush does not try it.
        let after = try await harness.flush(maxAttempts: 3)
        #expect(after.calls == 0)
    }

    /// `O;2,x*` carries every character Keap's filter syntax gives a meaning (`;` clause, `,` list, `*` wildcard, no
    /// escapes): sent raw, the lookup would be refused as a malformed filter and the order parked.
    /// `listsOmitCustomFields`: the tenant's list entries carry no custom fields, so the candidate is read by id.
    @Test(arguments: [("O-1", false), ("O;2,x*", false), ("O-1", true)])
    func aCreateWhoseAnswerWasLostIsLookedUpAndAdoptedNotDuplicated(orderRef: String, listsOmitCustomFields: Bool) async throws {
        let harness = try await SyncHarness.start(KeapSandboxConfiguration(listsOmitCustomFields: listsOmitCustomFields))
        await AwaitedTeardown.add { await harness.stop() }
        try await harness.setup()
        try harness.ingest([Self.customer, Self.product].joined(separator: "\n"))
        _ = try await harness.flush()
        // Every POST is applied and its connection dropped: the order exists in Keap, the ledger does not know its id.
        await harness.sandbox.setFaults(SandboxFaultPlan(seed: 1, probability: 1, kinds: [.dropAfterApply], methods: ["POST"]))
        try harness.ingest(Self.placed(orderRef, id: "o1"))
        let lost = try await harness.flush()
        #expect(lost.failed == 1)
        #expect(try harness.database.keapRef(KeapRefKey(.order, orderRef)) == .intent)
        #expect(try harness.database.outboxStatus().byKind[.order]?.inFlight == 1)
        await harness.sandbox.setFaults(.none)
        let recovered = try await harness.flush()
        #expect(recovered.sent == 1)
        #expect(try harness.database.outboxStatus().total.inFlight == 0)
        let snapshot = await harness.sandbox.snapshot()
        #expect(snapshot.orders(customField: "ExternalOrderRef", equals: orderRef).count == 1)
        #expect(try KeapAgreement.problems(ledger: harness.database, keap: snapshot) == [])
        let adopted = try harness.query { db in try String.fetchOne(db, sql: "SELECT resolution FROM keap_ref WHERE kind = 'order' AND ref = ?", arguments: [orderRef]) }
        #expect(adopted == "adopted")
    }

    @Test func aTotalThatDisagreesWithTheLedgerParksTheOrderWithBothFigures() async throws {
        // The tenant expects negative discounts; the ledger is told (KEAP_DISCOUNT_SIGN=positive) to send them
        // positive: Keap's total is off.
        let harness = try await SyncHarness.start(KeapSandboxConfiguration(discountSign: .negative))
        await AwaitedTeardown.add { await harness.stop() }
        try await harness.setup()
        try harness.ingest([Self.customer, Self.product, Self.placed("O-1", id: "o1")].joined(separator: "\n"))
        let summary = try await harness.flush(settings: try SyncSettings.fromEnvironment(["KEAP_DISCOUNT_SIGN": "positive"]))
        #expect(summary.parked == 1)
        let reason = try harness.query { db in try String.fetchOne(db, sql: "SELECT parked_reason FROM outbox_stream WHERE stream = 'order/O-1'") }
        #expect(reason?.contains("3305 minor units") == true)
        #expect(reason?.contains("3105") == true)
    }

    @Test func flushRefusesToRunBeforeSetup() async throws {
        let harness = try await SyncHarness.start()
        await AwaitedTeardown.add { await harness.stop() }
        try harness.ingest(Self.customer)
        await #expect(throws: SyncFailure.self) { try await harness.flush() }
        #expect(await harness.sandbox.snapshot().counters.totalRequests == 0)
    }
}

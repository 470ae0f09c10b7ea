import Foundation
import GRDB
import KeapSandbox
import LedgerCore
import LedgerProjection
import LedgerStore
import LedgerTestSupport
import Testing
@testable import LedgerSync

/// Subscriptions through `outbox flush` against the Keap sandbox over real HTTP.
@Suite("Subscriptions against the Keap sandbox", .awaitedTeardown)
struct SubscriptionFlushTests {
    private static func customer(_ ref: String, email: String) -> String {
        EventBuilder.line("customer.upserted", at: "2026-11-20T09:00:00Z", id: "c-\(ref)", data: #"{"customer_ref":"\#(ref)","email":"\#(email)","first_name":"Ada"}"#)
    }
    private static let product = EventBuilder.line("product.upserted", at: "2026-11-20T09:00:00Z", id: "s1", data: #"{"sku":"TEA-1","name":"Green tea","price":"12.50","currency":"USD","subscription":true}"#)

    private static func started(_ ref: String, customer: String = "C-1", sku: String = "TEA-1", price: String = "12.50", currency: String = "USD",
                                interval: String = "month", count: Int = 1, id: String? = nil) -> String {
        EventBuilder.line("subscription.started", at: "2026-11-20T10:00:00Z", id: id ?? "st-\(ref)", data: #"{"subscription_ref":"\#(ref)","customer_ref":"\#(customer)","sku":"\#(sku)","price":"\#(price)","currency":"\#(currency)","interval":"\#(interval)","interval_count":\#(count),"current_period_end":"2026-12-20T10:00:00Z"}"#)
    }

    private static func status(_ ref: String, _ status: String, at time: String, id: String) -> String {
        EventBuilder.line("subscription.status_changed", at: time, id: id, data: #"{"subscription_ref":"\#(ref)","status":"\#(status)"}"#)
    }

    private static func keapSubscription(_ snapshot: SandboxSnapshot, _ ref: String) throws -> SandboxSubscription {
        let found = snapshot.subscriptions(customField: "ExternalSubscriptionRef", equals: ref)
        #expect(found.count == 1, "\(ref): \(found.count) Keap subscriptions")
        return try #require(found.first)
    }

    @Test func aSubscriptionReachesKeapOnceAndFollowsItsStatusWithTheFewestCalls() async throws {
        let harness = try await SyncHarness.start()
        await AwaitedTeardown.add { await harness.stop() }
        try await harness.setup()
        try harness.ingest([Self.customer("C-1", email: "ada@example.com"), Self.customer("C-2", email: "bob@example.com"), Self.product, Self.started("S-1")].joined(separator: "\n"))
        let first = try await harness.flush()
        #expect(first.sent == 4, "\(first.messages)")
        #expect(first.failed == 0 && first.parked == 0 && first.skipped == 0)

        var snapshot = await harness.sandbox.snapshot()
        let created = try Self.keapSubscription(snapshot, "S-1")
        #expect(created.active)
        #expect(!created.autoCharge)
        #expect(created.customField(label: "SubscriptionStatus") == "active")
        #expect(created.customField(label: "StartedAt") == "2026-11-20T10:00:00Z")
        #expect(created.customField(label: "CurrentPeriodEnd") == "2026-12-20T10:00:00Z")
        let plan = try #require(snapshot.subscriptionPlans.first)
        #expect(snapshot.subscriptionPlans.count == 1)
        #expect(plan.cycleType == "MONTHLY" && plan.frequency == 1 && plan.planPrice == 1250 && plan.totalCycles == 0)
        // plan_price is minor units, written as an integer (never a decimal, never through Double).
        #expect(plan.planPriceText == "1250")
        #expect(created.planID == plan.id)
        #expect(try harness.database.keapRef(KeapRefKey(.subscriptionPlan, owner: "TEA-1", "MONTHLY/1/1250")) == .known(id: plan.id, fieldName: nil))

        // Nothing changed: no call.
        #expect(try await harness.flush().calls == 0)

        // A second subscription on the same terms reuses the plan: one call.
        try harness.ingest(Self.started("S-2", customer: "C-2"))
        let second = try await harness.flush()
        #expect(second.sent == 1)
        #expect(second.calls == 1)

        // Paused: Keap has no such state; the status field alone changes (one PATCH), the subscription stays active.
        try harness.ingest(Self.status("S-1", "paused", at: "2026-11-25T10:00:00Z", id: "p1"))
        let paused = try await harness.flush()
        #expect(paused.calls == 1)
        snapshot = await harness.sandbox.snapshot()
        #expect(try Self.keapSubscription(snapshot, "S-1").active)
        #expect(try Self.keapSubscription(snapshot, "S-1").customField(label: "SubscriptionStatus") == "paused")

        // A renewal moves the period end: one PATCH.
        try harness.ingest(EventBuilder.line("subscription.renewed", at: "2026-12-20T10:00:00Z", id: "r1", data: #"{"subscription_ref":"S-1","current_period_end":"2027-01-20T10:00:00Z"}"#))
        let renewed = try await harness.flush()
        #expect(renewed.calls == 1)
        #expect(try Self.keapSubscription(await harness.sandbox.snapshot(), "S-1").customField(label: "CurrentPeriodEnd") == "2027-01-20T10:00:00Z")

        // Cancelled: the status field, then :deactivate.
        try harness.ingest(Self.status("S-1", "cancelled", at: "2026-12-21T10:00:00Z", id: "x1"))
        let cancelled = try await harness.flush()
        #expect(cancelled.sent == 1)
        #expect(cancelled.calls == 2)
        snapshot = await harness.sandbox.snapshot()
        let stopped = try Self.keapSubscription(snapshot, "S-1")
        #expect(!stopped.active)
        #expect(stopped.reasonStopped == "cancelled")
        #expect(stopped.customField(label: "SubscriptionStatus") == "cancelled")
        #expect(snapshot.calls.filter { $0.path.hasSuffix(":deactivate") }.map(\.status) == [200])

        // Expired after cancelled: the field only (Keap's is stopped already).
        try harness.ingest(Self.status("S-1", "expired", at: "2027-01-20T10:00:00Z", id: "e1"))
        #expect(try await harness.flush().calls == 1)

        // Nothing left: a second flush, and a rebuild then a flush, make no call.
        #expect(try await harness.flush().calls == 0)
        _ = try harness.database.rebuild()
        #expect(try await harness.flush().calls == 0)
        snapshot = await harness.sandbox.snapshot()
        #expect(try KeapAgreement.problems(ledger: harness.database, keap: snapshot) == [])
        #expect(snapshot.counters.forbiddenUsage == SandboxForbiddenUsage())
        #expect(snapshot.subscriptions.count == 2)
    }

    @Test(arguments: [UInt64(21), 22])
    func subscriptionsAndTheirStatusChangesThroughTwentyPercentFaultsEndExactlyRight(seed: UInt64) async throws {
        let harness = try await SyncHarness.start(KeapSandboxConfiguration(), requestTimeout: .seconds(1))
        await AwaitedTeardown.add { await harness.stop() }
        try await harness.setup()
        await harness.sandbox.setFaults(SandboxFaultPlan(seed: seed, probability: 0.2, kinds: [.throttle429, .error500BeforeApply, .dropAfterApply, .slow(.milliseconds(1500))]))
        func flushUntilIdle() async throws {
            var runs = 0
            while try harness.pendingSendable() > 0, runs < 30 {
                _ = try await harness.flush(maxAttempts: 50)
                runs += 1
            }
            #expect(try harness.pendingSendable() == 0)
        }
        // 24 subscriptions of 6 customers on 2 products, 4 intervals and 3 prices: S-n and S-(n+12) are identical
        // (one customer, two of the same), and most terms are shared, so plans are looked up, created and reused.
        var feed = (1...6).map { Self.customer("C-\($0)", email: "c\($0)@example.com") }
        feed.append(Self.product)
        feed.append(EventBuilder.line("product.upserted", at: "2026-11-20T09:00:00Z", id: "s2", data: #"{"sku":"MUG-1","name":"Mug club","price":"9.90","currency":"USD","subscription":true}"#))
        let intervals = ["month", "week", "year", "day"]
        let prices = ["12.50", "9.90", "100.00"]
        for n in 1...24 {
            feed.append(Self.started("S-\(n)", customer: "C-\(n % 6 + 1)", sku: n % 2 == 0 ? "TEA-1" : "MUG-1", price: prices[n % 3],
                                     interval: intervals[n % 4], count: n % 4 == 3 ? 14 : 1))
        }
        try harness.ingest(feed.joined(separator: "\n"))
        try await flushUntilIdle()

        // Then every kind of change: cancelled, paused (and back), renewed, cancelled then expired.
        var changes: [String] = []
        for n in 1...24 {
            switch n % 4 {
            case 0: changes.append(Self.status("S-\(n)", "cancelled", at: "2026-12-01T10:00:00Z", id: "x\(n)"))
            case 1:
                changes.append(Self.status("S-\(n)", "paused", at: "2026-12-01T10:00:00Z", id: "p\(n)"))
                if n % 8 == 1 { changes.append(Self.status("S-\(n)", "active", at: "2026-12-05T10:00:00Z", id: "a\(n)")) }
            case 2: changes.append(EventBuilder.line("subscription.renewed", at: "2026-12-20T10:00:00Z", id: "r\(n)", data: #"{"subscription_ref":"S-\#(n)","current_period_end":"2027-01-20T10:00:00Z"}"#))
            default:
                changes.append(Self.status("S-\(n)", "cancelled", at: "2026-12-01T10:00:00Z", id: "x\(n)"))
                changes.append(Self.status("S-\(n)", "expired", at: "2026-12-20T10:00:00Z", id: "e\(n)"))
            }
        }
        try harness.ingest(changes.joined(separator: "\n"))
        try await flushUntilIdle()

        let snapshot = await harness.sandbox.snapshot()
        #expect(try KeapAgreement.problems(ledger: harness.database, keap: snapshot) == [])
        #expect(snapshot.subscriptions.count == 24)
        #expect(snapshot.subscriptions.filter { !$0.active }.count == 12)
        #expect(snapshot.calls.contains { $0.path.hasSuffix(":deactivate") && $0.status == 200 })
        #expect(snapshot.calls.filter { $0.path.contains("subscriptions") && $0.fault != nil }.count > 5, "the faults reached the subscription calls")
        #expect(snapshot.counters.forbiddenUsage == SandboxForbiddenUsage())
        #expect(try harness.query { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox_stream WHERE status = 'parked'") } == 0)
        // Idle at last: nothing more to send, no call.
        await harness.sandbox.setFaults(.none)
        #expect(try await harness.flush().calls == 0)
    }

    @Test func aSubscriptionWaitsForItsCustomerWithoutCountingAnAttempt() async throws {
        let harness = try await SyncHarness.start()
        await AwaitedTeardown.add { await harness.stop() }
        try await harness.setup()
        try harness.ingest([Self.product, Self.started("S-1")].joined(separator: "\n"))
        let waiting = try await harness.flush()
        #expect(waiting.skipped == 1)
        #expect(waiting.failed == 0 && waiting.parked == 0)
        #expect(waiting.messages.contains { $0.contains("waiting for customer C-1") }, "\(waiting.messages)")
        #expect(await harness.sandbox.snapshot().subscriptions.isEmpty)
        let attempts = try harness.query { db in try Int.fetchOne(db, sql: "SELECT attempts FROM outbox_stream WHERE stream = 'subscription/S-1'") }
        #expect(attempts == 0)

        try harness.ingest(Self.customer("C-1", email: "ada@example.com"))
        let sent = try await harness.flush()
        #expect(sent.sent == 2)
        #expect(try KeapAgreement.problems(ledger: harness.database, keap: await harness.sandbox.snapshot()) == [])
    }

    /// `listsOmitCustomFields`: the tenant's list entries carry no custom fields, so the candidate is read by id.
    @Test(arguments: [false, true])
    func aCreateWhoseAnswerWasLostIsLookedUpAndAdoptedNotDuplicated(listsOmitCustomFields: Bool) async throws {
        let harness = try await SyncHarness.start(KeapSandboxConfiguration(listsOmitCustomFields: listsOmitCustomFields))
        await AwaitedTeardown.add { await harness.stop() }
        try await harness.setup()
        try harness.ingest([Self.customer("C-1", email: "ada@example.com"), Self.customer("C-2", email: "bob@example.com"), Self.product, Self.started("S-1")].joined(separator: "\n"))
        _ = try await harness.flush()
        // Every POST is applied and its connection dropped: Keap has S-2, the ledger does not know its id.
        await harness.sandbox.setFaults(SandboxFaultPlan(seed: 1, probability: 1, kinds: [.dropAfterApply], methods: ["POST"]))
        try harness.ingest(Self.started("S-2", customer: "C-2"))
        let lost = try await harness.flush()
        #expect(lost.failed == 1)
        #expect(try harness.database.keapRef(KeapRefKey(.subscription, "S-2")) == .intent)
        #expect(try harness.database.outboxStatus().byKind[.subscription]?.inFlight == 1)
        await harness.sandbox.setFaults(.none)
        let recovered = try await harness.flush()
        #expect(recovered.sent == 1)
        // The lookup found it (reading the candidate when the list could not show its ref): no second create.
        #expect(recovered.calls == (listsOmitCustomFields ? 2 : 1))
        let snapshot = await harness.sandbox.snapshot()
        #expect(snapshot.subscriptions(customField: "ExternalSubscriptionRef", equals: "S-2").count == 1)
        #expect(try KeapAgreement.problems(ledger: harness.database, keap: snapshot) == [])
        let resolution = try harness.query { db in try String.fetchOne(db, sql: "SELECT resolution FROM keap_ref WHERE kind = 'subscription' AND ref = 'S-2'") }
        #expect(resolution == "adopted")
        #expect(try harness.database.outboxStatus().total.inFlight == 0)
    }

    @Test func aDeactivationWhoseAnswerWasLostIsReadBackNotSentTwice() async throws {
        let harness = try await SyncHarness.start()
        await AwaitedTeardown.add { await harness.stop() }
        try await harness.setup()
        try harness.ingest([Self.customer("C-1", email: "ada@example.com"), Self.product, Self.started("S-1")].joined(separator: "\n"))
        _ = try await harness.flush()
        await harness.sandbox.setFaults(SandboxFaultPlan(seed: 1, probability: 1, kinds: [.dropAfterApply], methods: ["POST"]))
        try harness.ingest(Self.status("S-1", "cancelled", at: "2026-12-01T10:00:00Z", id: "x1"))
        let lost = try await harness.flush()
        #expect(lost.failed == 1)
        #expect(try Self.keapSubscription(await harness.sandbox.snapshot(), "S-1").active == false, "the deactivation was applied")
        await harness.sandbox.setFaults(.none)
        let recovered = try await harness.flush()
        #expect(recovered.sent == 1)
        let snapshot = await harness.sandbox.snapshot()
        // One :deactivate only (its answer was lost); the retry saw the subscription stopped and left it.
        #expect(snapshot.calls.filter { $0.path.hasSuffix(":deactivate") }.count == 1)
        #expect(try KeapAgreement.problems(ledger: harness.database, keap: snapshot) == [])
        #expect(try await harness.flush().calls == 0)
    }

    @Test func aSubscriptionThatEndedBeforeItWasSentIsCreatedStoppedAndCanResume() async throws {
        let harness = try await SyncHarness.start()
        await AwaitedTeardown.add { await harness.stop() }
        try await harness.setup()
        try harness.ingest([Self.customer("C-1", email: "ada@example.com"), Self.product, Self.started("S-1"),
                            Self.status("S-1", "cancelled", at: "2026-11-21T10:00:00Z", id: "x1")].joined(separator: "\n"))
        _ = try await harness.flush()
        var snapshot = await harness.sandbox.snapshot()
        #expect(try Self.keapSubscription(snapshot, "S-1").active == false)
        #expect(snapshot.calls.filter { $0.path.hasSuffix(":deactivate") }.isEmpty, "created stopped: no deactivation needed")

        // Resumed in the store: Keap's subscription is made active again with the status field, in one PATCH.
        try harness.ingest(Self.status("S-1", "active", at: "2026-11-22T10:00:00Z", id: "a1"))
        let resumed = try await harness.flush()
        #expect(resumed.calls == 1)
        snapshot = await harness.sandbox.snapshot()
        #expect(try Self.keapSubscription(snapshot, "S-1").active)
        #expect(try KeapAgreement.problems(ledger: harness.database, keap: snapshot) == [])
    }

    @Test func identicalSubscriptionsOfOneCustomerAreEachCreatedAndOtherCurrenciesParked() async throws {
        let harness = try await SyncHarness.start()
        await AwaitedTeardown.add { await harness.stop() }
        try await harness.setup()
        try harness.ingest([Self.customer("C-1", email: "ada@example.com"), Self.product, Self.started("S-1"), Self.started("S-2"),
                            Self.started("S-EUR", currency: "EUR")].joined(separator: "\n"))
        let summary = try await harness.flush()
        #expect(summary.sent == 4, "\(summary.messages)")
        #expect(summary.parked == 1)
        let reason = try harness.query { db in try String.fetchOne(db, sql: "SELECT parked_reason FROM outbox_stream WHERE stream = 'subscription/S-EUR'") }
        #expect(reason?.contains("currency") == true)
        let snapshot = await harness.sandbox.snapshot()
        // Two identical live subscriptions of one customer are distinct: Keap takes both (allow_duplicate), on one plan.
        #expect(snapshot.subscriptions.filter(\.active).count == 2)
        #expect(snapshot.subscriptionPlans.count == 1)
        #expect(try KeapAgreement.problems(ledger: harness.database, keap: snapshot) == [])
    }

    @Test func aPlanKeapPricedOtherwiseParksTheSubscriptionWithBothFigures() async throws {
        // The tenant reads plan_price in major units (the other reading of the OpenAPI): 1250 would be $1,250.00.
        let harness = try await SyncHarness.start(KeapSandboxConfiguration(subscriptionAmountUnits: .major))
        await AwaitedTeardown.add { await harness.stop() }
        try await harness.setup()
        try harness.ingest([Self.customer("C-1", email: "ada@example.com"), Self.product, Self.started("S-1")].joined(separator: "\n"))
        let summary = try await harness.flush()
        #expect(summary.parked == 1)
        let reason = try harness.query { db in try String.fetchOne(db, sql: "SELECT parked_reason FROM outbox_stream WHERE stream = 'subscription/S-1'") }
        #expect(reason?.contains("125000") == true, "\(reason ?? "")")
        #expect(reason?.contains("1250 USD") == true)
        #expect(await harness.sandbox.snapshot().subscriptions.isEmpty)
    }

    @Test func dryRunListsTheSubscriptionCallsAndSendsNothing() async throws {
        let harness = try await SyncHarness.start()
        await AwaitedTeardown.add { await harness.stop() }
        try await harness.setup()
        try harness.ingest([Self.customer("C-1", email: "ada@example.com"), Self.product].joined(separator: "\n"))
        _ = try await harness.flush()
        try harness.ingest(Self.started("S-1"))
        let requestsBefore = await harness.sandbox.snapshot().counters.totalRequests
        let lines = LineCollector()
        let settings = SyncSettings(tenantCurrency: Currency(code: "USD")!)
        _ = try await OutboxFlusher(database: harness.database, client: harness.client, settings: settings)
            .flush(FlushOptions(dryRun: true)) { line in lines.append(line) }
        let planned = lines.lines
        #expect(planned == [
            "subscription/S-1: GET /v2/products/1/subscriptions?filter=cycle_type==MONTHLY",
            "subscription/S-1: POST /v2/products/1/subscriptions unless found (MONTHLY every 1 at 12.50 USD)",
            "subscription/S-1: POST /v2/subscriptions (S-1: contact 1, that plan, active, auto_charge false)",
        ])
        #expect(await harness.sandbox.snapshot().counters.totalRequests == requestsBefore)

        _ = try await harness.flush()
        try harness.ingest(Self.status("S-1", "cancelled", at: "2026-12-01T10:00:00Z", id: "x1"))
        let cancelLines = LineCollector()
        _ = try await OutboxFlusher(database: harness.database, client: harness.client, settings: settings)
            .flush(FlushOptions(dryRun: true)) { line in cancelLines.append(line) }
        #expect(cancelLines.lines == [
            "subscription/S-1: PATCH /v2/subscriptions/1?update_mask=custom_fields (status cancelled, period end 2026-12-20T10:00:00Z)",
            "subscription/S-1: POST /v2/subscriptions/1:deactivate (cancelled)",
        ])
    }
}

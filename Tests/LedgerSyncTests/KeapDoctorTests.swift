import Foundation
import KeapSandbox
import LedgerCore
import LedgerStore
import LedgerTestSupport
import Testing
@testable import LedgerSync

/// `keap doctor` and the two rules it learns (issue #12 items 3 to 5), against the sandbox in each of its modes.
@Suite("keap doctor and charges as PRODUCT items", .awaitedTeardown)
struct KeapDoctorTests {
    /// Sandbox mode -> what the probe must find. A product-only tenant sums the items' signed prices, so a discount
    /// written as a product line is negative there whatever its DISCOUNT-item setting.
    static let modes: [(items: SandboxChargeItems, sign: SandboxDiscountSign, found: SyncSettings.ChargeItems, foundSign: SyncSettings.DiscountSign)] = [
        (.typed, .positive, .typed, .positive),
        (.typed, .negative, .typed, .negative),
        (.productOnly, .positive, .product, .negative),
        (.productOnly, .negative, .product, .negative),
    ]

    static let placements = [
        EventBuilder.line("customer.upserted", at: "2026-11-20T09:00:00Z", id: "c1", data: #"{"customer_ref":"C-1","email":"ada@example.com","first_name":"Ada","last_name":"Lovelace"}"#),
        EventBuilder.line("product.upserted", at: "2026-11-20T09:00:00Z", id: "s1", data: #"{"sku":"TEA-1","name":"Green tea","price":"12.50","currency":"USD"}"#),
        EventBuilder.line("order.placed", at: "2026-11-20T10:00:00Z", id: "o1", data: #"{"order_ref":"O-1","customer_ref":"C-1","currency":"USD","lines":[{"line_ref":"1","sku":"TEA-1","quantity":2,"unit_price":"12.50"}],"shipping":"4.95","tax":"2.10","discount":"1.00"}"#),
        EventBuilder.line("payment.captured", at: "2026-11-20T10:05:00Z", id: "p1", data: #"{"order_ref":"O-1","payment_ref":"P-1","amount":"31.05","method":"card"}"#),
        EventBuilder.line("order.placed", at: "2026-11-20T10:00:00Z", id: "o2", data: #"{"order_ref":"O-2","customer_ref":"C-1","currency":"USD","lines":[{"line_ref":"1","sku":"TEA-1","quantity":1,"unit_price":"12.50"}],"shipping":"4.95","discount":"2.50"}"#),
        EventBuilder.line("order.placed", at: "2026-11-20T10:00:00Z", id: "o3", data: #"{"order_ref":"O-3","customer_ref":"C-1","currency":"USD","lines":[{"line_ref":"1","sku":"TEA-1","quantity":3,"unit_price":"12.50"}]}"#),
    ].joined(separator: "\n")

    /// Every charge changed, removed (to 0) and added (O-1's total stays what was paid: 25.00 + 5.95 + 2.10 - 2.00).
    static let chargeChanges = [
        EventBuilder.line("order.charges_changed", at: "2026-11-21T10:00:00Z", id: "ch1", data: #"{"order_ref":"O-1","shipping":"5.95","discount":"2.00"}"#),
        EventBuilder.line("order.charges_changed", at: "2026-11-21T10:00:00Z", id: "ch2", data: #"{"order_ref":"O-2","shipping":"0","discount":"0"}"#),
        EventBuilder.line("order.charges_changed", at: "2026-11-21T10:00:00Z", id: "ch3", data: #"{"order_ref":"O-3","shipping":"3.00","tax":"1.50","discount":"4.00"}"#),
    ].joined(separator: "\n")

    @Test(arguments: 0..<4)
    func theProbeLearnsTheTenantLeavesNoOrderAndAFlushWithNoSettingIsExact(mode: Int) async throws {
        let (tenantItems, tenantSign, found, foundSign) = Self.modes[mode]
        let harness = try await SyncHarness.start(KeapSandboxConfiguration(discountSign: tenantSign, chargeItems: tenantItems))
        await AwaitedTeardown.add { await harness.stop() }
        try await harness.setup()
        try await harness.setupChargeProducts()

        // When the doctor probes, then it names both findings with evidence, stores them with the time, and leaves
        // no order behind.
        let report = try await harness.doctor(probe: true)
        let probe = try #require(report.probe)
        #expect(report.findings.chargeItems == found, "\(probe.evidence)")
        #expect(report.findings.discountSign == foundSign, "\(probe.evidence)")
        #expect(report.findings.chargeItemsLearntAt != nil && report.findings.discountSignLearntAt != nil)
        #expect(report.chargeItemsInUse.source == "probe" && report.discountSignInUse.source == "probe")
        #expect(probe.ordersMade == 1)
        #expect(probe.ordersDeleted.count == 1)
        #expect(probe.ordersLeft.isEmpty)
        if tenantItems == .productOnly {
            #expect(probe.evidence.contains { $0.contains("typed charge items") && $0.contains("refused") && $0.contains("only [PRODUCT]") })
        }
        #expect(report.customFieldsMissing.isEmpty)
        #expect(report.profile?.currencyCode == "USD")
        var snapshot = await harness.sandbox.snapshot()
        #expect(snapshot.orders.isEmpty)
        #expect(snapshot.contacts.count == 1)
        #expect(try TenantFindings.load(harness.database).chargeItems == found)

        // A second probe uses the same probe contact and again leaves nothing.
        _ = try await harness.doctor(probe: true)
        snapshot = await harness.sandbox.snapshot()
        #expect(snapshot.orders.isEmpty)
        #expect(snapshot.contacts.count == 1)

        // A flush with no setting uses the findings: every total exact, nothing parked; then every charge changed,
        // removed and added, again exact.
        try harness.ingest(Self.placements)
        let first = try await harness.flush()
        #expect(first.parked == 0 && first.failed == 0, "\(first.messages)")
        try harness.ingest(Self.chargeChanges)
        let second = try await harness.flush()
        #expect(second.parked == 0 && second.failed == 0, "\(second.messages)")
        snapshot = await harness.sandbox.snapshot()
        let problems = try KeapAgreement.problems(ledger: harness.database, keap: snapshot)
        #expect(problems == [], "\(problems)")
        let o1 = try #require(snapshot.orders(customField: "ExternalOrderRef", equals: "O-1").first)
        #expect(o1.total == 2500 + 595 + 210 - 200)
        let o2 = try #require(snapshot.orders(customField: "ExternalOrderRef", equals: "O-2").first)
        #expect(o2.items.count == 1, "shipping and discount at 0 are removed")
        let o3 = try #require(snapshot.orders(customField: "ExternalOrderRef", equals: "O-3").first)
        #expect(o3.total == 3750 + 300 + 150 - 400)
        let chargeTypes = Set(snapshot.orders.flatMap(\.items).filter { $0.notes?.hasPrefix("charge:") == true || $0.productID == nil }.map(\.itemType))
        #expect(chargeTypes == (found == .typed ? ["SHIPPING", "TAX", "DISCOUNT"] : ["PRODUCT"]))
        // A second flush makes no call.
        #expect(try await harness.flush().calls == 0)
    }

    @Test func aSettingInTheEnvironmentWinsOverTheFinding() async throws {
        // Given a product-only tenant probed, when KEAP_CHARGE_ITEMS=typed is set, then the flush sends typed items
        // (and Keap refuses them: the order is parked, not silently sent otherwise).
        let harness = try await SyncHarness.start(KeapSandboxConfiguration(chargeItems: .productOnly))
        await AwaitedTeardown.add { await harness.stop() }
        try await harness.setup()
        try await harness.setupChargeProducts()
        _ = try await harness.doctor(probe: true)
        try harness.ingest(Self.placements)
        let summary = try await harness.flush(settings: try SyncSettings.fromEnvironment(["KEAP_CHARGE_ITEMS": "typed"]))
        #expect(summary.parked == 2, "O-1 and O-2 carry charges; O-3 has none")
    }

    @Test func chargesAsProductsNeedTheChargeProductsOfSetup() async throws {
        let harness = try await SyncHarness.start(KeapSandboxConfiguration(chargeItems: .productOnly))
        await AwaitedTeardown.add { await harness.stop() }
        try await harness.setup()
        try harness.ingest(Self.placements)
        await #expect(throws: SyncFailure.self) {
            _ = try await harness.flush(settings: try SyncSettings.fromEnvironment(["KEAP_CHARGE_ITEMS": "product"]))
        }
        await #expect(throws: SyncFailure.self) { _ = try await harness.doctor(probe: true) }
        #expect(await harness.sandbox.snapshot().orders.isEmpty)
    }

    @Test func aProbeOrderWhoseCreateAnswerWasLostIsFoundAndDeleted() async throws {
        let harness = try await SyncHarness.start()
        await AwaitedTeardown.add { await harness.stop() }
        try await harness.setup()
        try await harness.setupChargeProducts()
        _ = try await harness.doctor(probe: true)

        // Given the probe order's POST applied and its answer dropped, when the doctor probes, then it stops with
        // the error, having found the order on the probe contact and deleted it, and stores no finding of this run.
        await harness.sandbox.setFaults(SandboxFaultPlan(seed: 1, probability: 1, kinds: [.dropAfterApply], methods: ["POST"], maxFaults: 1))
        await #expect(throws: SyncFailure.self) { _ = try await harness.doctor(probe: true) }
        let snapshot = await harness.sandbox.snapshot()
        #expect(snapshot.orders.isEmpty)
        #expect(snapshot.calls.contains { $0.method == "DELETE" && $0.status == 204 })
    }

    @Test func aProbeOrderThatCannotBeDeletedIsNamedAndTheNextProbeDeletesIt() async throws {
        let harness = try await SyncHarness.start()
        await AwaitedTeardown.add { await harness.stop() }
        try await harness.setup()
        try await harness.setupChargeProducts()

        // Given Keap failing every DELETE, when the doctor probes, then it still reports its findings and names the
        // order it could not delete, with its id.
        await harness.sandbox.setFaults(SandboxFaultPlan(seed: 1, probability: 1, kinds: [.error500BeforeApply], methods: ["DELETE"]))
        let failed = try await harness.doctor(probe: true)
        let left = try #require(failed.probe?.ordersLeft)
        let orderID = try #require(await harness.sandbox.snapshot().orders.first?.id)
        #expect(left.count == 1 && left[0].hasPrefix("\(orderID) ("), "\(left)")
        #expect(failed.findings.chargeItems == .typed)

        // When DELETE works again, the next probe deletes the leftover first, and its own order.
        await harness.sandbox.setFaults(.none)
        let next = try await harness.doctor(probe: true)
        #expect(next.probe?.ordersDeleted.contains(orderID) == true)
        #expect(next.probe?.ordersLeft.isEmpty == true)
        #expect(await harness.sandbox.snapshot().orders.isEmpty)
    }

    @Test func theReadOnlyReportNamesWhatIsMissingAndChangesNothing() async throws {
        let harness = try await SyncHarness.start(KeapSandboxConfiguration(rateLimit: SandboxRateLimit()))
        await AwaitedTeardown.add { await harness.stop() }
        let report = try await harness.doctor(probe: false)
        #expect(report.probe == nil)
        #expect(report.customFieldsPresent.isEmpty)
        #expect(report.customFieldsMissing.count == KeapCustomField.all.count)
        #expect(report.chargeProductsMissing.count == 3)
        #expect(report.profile?.timeZone == "America/Phoenix")
        #expect(report.profile?.throttleHeaders.contains { $0.name.hasPrefix("x-keap-") && $0.name.contains("throttle") } == true)
        #expect(report.credentials.contains("Service Account Key"))
        #expect(report.findings == TenantFindings())
        #expect(report.discountSignInUse.value == .negative && report.discountSignInUse.source == "default")
        let snapshot = await harness.sandbox.snapshot()
        #expect(snapshot.calls.allSatisfy { $0.method == "GET" })
    }
}

/// `keap-ledger keap doctor` as an operator runs it: the real binary against the sandbox.
@Suite("keap doctor command", .awaitedTeardown)
struct KeapDoctorCommandTests {
    @Test func theProbeReportsItsFindingsAsJSONAndTheyAreKept() async throws {
        let directory = try TemporaryDirectory(prefix: "keap-ledger-doctor-cmd")
        defer { directory.remove() }
        let sandbox = try await KeapSandboxServer.start(host: "127.0.0.1", port: 0, configuration: KeapSandboxConfiguration(chargeItems: .productOnly))
        await AwaitedTeardown.add { await sandbox.stop() }
        let env = ["KEAP_BASE_URL": sandbox.baseURL, "KEAP_API_KEY": "sandbox-key", "KEAP_MAX_PER_SECOND": "0", "KEAP_MAX_PER_MINUTE": "0", "KEAP_RETRY_BASE_MS": "2"]
        let db = directory.path("ledger.sqlite")

        // Before setup the probe has no charge products: a usage error naming setup.
        let early = try await LedgerProcess.runDetached(["keap", "doctor", "--probe", "--db", db], environment: env)
        #expect(early.status == 64, "\(early.stderr)")
        #expect(early.stderr.contains("keap setup"))

        let setup = try await LedgerProcess.runDetached(["keap", "setup", "--db", db, "--json"], environment: env)
        #expect(setup.status == 0, "\(setup.stderr)")
        #expect(setup.stdout.contains(#""charge_products":{"created":["KEAPLEDGER-SHIPPING","KEAPLEDGER-TAX","KEAPLEDGER-DISCOUNT"]"#), "\(setup.stdout)")

        let probe = try await LedgerProcess.runDetached(["keap", "doctor", "--probe", "--db", db, "--json"], environment: env)
        #expect(probe.status == 0, "\(probe.stderr)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(probe.stdout.utf8)) as? [String: Any])
        #expect(json["charge_items"] as? String == "product")
        #expect(json["discount_sign"] as? String == "negative")
        #expect(json["currency"] as? String == "USD")
        let probeObject = try #require(json["probe"] as? [String: Any])
        #expect((probeObject["orders_left"] as? [String])?.isEmpty == true)
        #expect(await sandbox.snapshot().orders.isEmpty)

        // Read-only afterwards: the stored findings with when they were learnt, and what the flush will use.
        let again = try await LedgerProcess.runDetached(["keap", "doctor", "--db", db], environment: env)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("charge items: product (from probe; probe of 20"), "\(again.stdout)")
        #expect(!again.stdout.contains("sandbox-key") && !again.stderr.contains("sandbox-key"))
    }
}

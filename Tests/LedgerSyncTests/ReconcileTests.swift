import Foundation
import KeapClient
import KeapSandbox
import LedgerCore
import LedgerStore
import LedgerTestSupport
import Testing
@testable import LedgerSync

/// `reconcile` against the Keap sandbox: drift made through the sandbox's own REST API, as a person in Keap would,
/// is reported with the right kind and cause, `--fix --fix-duplicates` plus a flush repairs it, the audit lists each
/// action, and a second reconcile is clean (issue #11). Expectations are written out by hand.
@Suite("Reconcile against the Keap sandbox", .awaitedTeardown)
struct ReconcileTests {
    private static let customer = EventBuilder.line("customer.upserted", at: "2026-11-20T09:00:00Z", id: "c1", data: #"{"customer_ref":"C-1","email":"ada@example.com","first_name":"Ada","last_name":"Lovelace"}"#)
    private static let product = EventBuilder.line("product.upserted", at: "2026-11-20T09:00:00Z", id: "s1", data: #"{"sku":"TEA-1","name":"Green tea","price":"12.50","currency":"USD"}"#)

    private static func placed(_ ref: String) -> String {
        EventBuilder.line("order.placed", at: "2026-11-20T10:00:00Z", id: "placed-\(ref)", data: #"{"order_ref":"\#(ref)","customer_ref":"C-1","currency":"USD","lines":[{"line_ref":"1","sku":"TEA-1","quantity":2,"unit_price":"12.50"}],"shipping":"4.95"}"#)
    }

    private static let payment = EventBuilder.line("payment.captured", at: "2026-11-20T11:00:00Z", id: "pay-O-2", data: #"{"order_ref":"O-2","payment_ref":"P-2","amount":"29.95","method":"card"}"#)

    private static func reconcile(_ harness: SyncHarness, fix: Bool = false) async throws -> ReconcileReport {
        var options = ReconcileOptions()
        options.fix = fix
        options.fixDuplicates = fix
        options.actor = "test-operator"
        return try await Reconciler(database: harness.database, client: harness.client, settings: SyncSettings(tenantCurrency: Currency(code: "USD")!))
            .reconcile(options)
    }

    @Test func driftMadeInKeapIsReportedRepairedAndAudited() async throws {
        let harness = try await SyncHarness.start()
        await AwaitedTeardown.add { await harness.stop() }
        try await harness.setup()
        try harness.ingest(([Self.customer, Self.product] + ["O-1", "O-2", "O-3", "O-4", "O-5"].map(Self.placed) + [Self.payment]).joined(separator: "\n"))
        let first = try await harness.flush()
        #expect(first.sent == 7 && first.failed == 0 && first.parked == 0)
        let clean = try await Self.reconcile(harness)
        #expect(clean.checked == 5 && clean.ok == 5 && clean.discrepancies.isEmpty)

        // Drift, through Keap's REST API: O-1 deleted, an item price of O-3 changed, a second order for O-4, an
        // order with a ref the ledger never saw, and the contact's email changed.
        let keap = await harness.sandbox.snapshot()
        func keapOrder(_ ref: String) throws -> SandboxOrder { try #require(keap.orders(customField: "ExternalOrderRef", equals: ref).first) }
        let o1 = try keapOrder("O-1"), o3 = try keapOrder("O-3"), o4 = try keapOrder("O-4")
        let refField = try #require(keap.customFields(of: .orders).first { $0.label == "ExternalOrderRef" })
        try await harness.client.deleteOrder(id: o1.id)
        let teaItem = try #require(o3.items.first { $0.itemType == "PRODUCT" })
        _ = try await harness.client.updateOrderItem(orderID: o3.id, itemID: teaItem.id, KeapOrderItemRequest(pricePerUnit: KeapDecimal(text: "1.23")), updateMask: ["price_per_unit"])
        let productID = try #require(keap.products.first?.id)
        for ref in ["O-4", "PHONE-9"] {
            _ = try await harness.client.createOrder(KeapOrderCreateRequest(
                contactID: o4.contactID, orderTitle: "\(ref) by hand", orderTime: "2026-11-22T10:00:00Z", orderType: "OFFLINE",
                items: [KeapOrderItemRequest(itemType: "PRODUCT", productID: productID, quantity: 1, pricePerUnit: KeapDecimal(text: "5.00"))],
                customFields: [KeapCustomFieldValue(id: refField.id, content: ref)]))
        }
        _ = try await harness.client.updateContact(id: o4.contactID, KeapContactRequest(email: "ada.new@example.com"), updateMask: ["email_addresses"])

        let found = try await Self.reconcile(harness)
        let byRef = Dictionary(found.discrepancies.map { ($0.ref, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(found.checked == 6)
        #expect(byRef["O-1"]?.kind == .missing)
        #expect(byRef["O-1"]?.keapIDs == [o1.id])
        #expect(byRef["O-1"]?.cause.contains("deleted in Keap") == true)
        #expect(byRef["O-3"]?.kind == .mismatch)
        #expect(byRef["O-3"]?.fields.contains(FieldDifference(field: "item line:1 price_per_unit", ledger: "12.50", keap: "1.23")) == true)
        #expect(byRef["O-3"]?.fields.contains(FieldDifference(field: "total", ledger: "29.95 USD", keap: "7.41 USD")) == true)
        #expect(byRef["O-3"]?.cause.contains("someone edited it in Keap") == true)
        #expect(byRef["O-4"]?.kind == .duplicate)
        #expect(byRef["O-4"]?.keapIDs.count == 2)
        #expect(byRef["O-4"]?.cause.contains("linked to Keap id \(o4.id)") == true)
        #expect(byRef["PHONE-9"]?.kind == .extra)
        // The contact's email shows on each of its orders still in Keap, reported as Keap's to own.
        #expect(byRef["O-2"]?.kind == .mismatch)
        #expect(byRef["O-2"]?.fields == [FieldDifference(field: "contact email", ledger: "ada@example.com", keap: "ada.new@example.com")])
        #expect(byRef["O-5"]?.isContactOnly == true)
        #expect(found.discrepancies.contains { $0.needsAttention })

        // --fix --fix-duplicates, then a flush.
        let fixed = try await Self.reconcile(harness, fix: true)
        let actions = Dictionary(grouping: fixed.actions, by: \.ref)
        #expect(actions["O-1"]?.map(\.action) == ["resend"])
        #expect(actions["O-3"]?.map(\.action) == ["update"])
        #expect(actions["O-4"]?.map(\.action) == ["delete_duplicate"])
        #expect(actions["O-4"]?.first?.outcome == "done")
        #expect(actions["PHONE-9"]?.map(\.outcome) == ["not changed: not the ledger's order to delete"])
        #expect(actions["O-2"]?.map(\.action) == ["report"])
        let repair = try await harness.flush()
        #expect(repair.failed == 0 && repair.parked == 0)

        // Keap now equals the ledger apart from the foreign order and the contact's own email.
        let after = await harness.sandbox.snapshot()
        for ref in ["O-1", "O-2", "O-3", "O-4", "O-5"] {
            let orders = after.orders(customField: "ExternalOrderRef", equals: ref)
            #expect(orders.count == 1, "\(ref): \(orders.map(\.id))")
            #expect(orders.first?.total == 2995, "\(ref)")
        }
        #expect(after.orders(customField: "ExternalOrderRef", equals: "O-1").first?.id != o1.id)
        #expect(after.orders(customField: "ExternalOrderRef", equals: "O-4").first?.id == o4.id)
        #expect(after.orders(customField: "ExternalOrderRef", equals: "PHONE-9").count == 1)
        #expect(try harness.database.keapRefHistory(KeapRefKey(.order, "O-1")).map(\.keapID) == [o1.id])

        let second = try await Self.reconcile(harness)
        #expect(!second.discrepancies.contains { $0.needsAttention }, "\(second.discrepancies)")
        #expect(second.discrepancies.filter(\.acknowledged).map(\.ref).sorted() == ["O-1", "O-2", "O-3", "O-4", "O-5", "PHONE-9"])
        let audit = try harness.database.auditEntries(since: nil)
        #expect(audit.allSatisfy { $0.actor == "test-operator" })
        #expect(Set(audit.map(\.ref)) == ["O-1", "O-2", "O-3", "O-4", "O-5", "PHONE-9"])
    }

    @Test func aSampleChecksRandomSyncedOrdersPlusTheChangedOnes() async throws {
        let harness = try await SyncHarness.start()
        await AwaitedTeardown.add { await harness.stop() }
        try await harness.setup()
        try harness.ingest(([Self.customer, Self.product] + (1...8).map { Self.placed("O-\($0)") }).joined(separator: "\n"))
        _ = try await harness.flush()
        _ = try await Self.reconcile(harness)
        // One order changes after the last reconcile.
        try harness.ingest(EventBuilder.line("order.status_changed", at: "2026-11-21T10:00:00Z", id: "st-7", data: #"{"order_ref":"O-7","status":"processing"}"#))
        _ = try await harness.flush()
        var options = ReconcileOptions()
        options.sample = 2
        options.sampleSeed = 42
        let report = try await Reconciler(database: harness.database, client: harness.client, settings: SyncSettings(tenantCurrency: Currency(code: "USD")!))
            .reconcile(options)
        #expect(report.checked == 3)
        #expect(report.discrepancies.isEmpty)
        // The full reconcile learnt that Keap's lists carry custom fields, and 8 orders fit one page: one list call
        // is cheaper than 3 lookups.
        #expect(try harness.database.syncState(.orderListsShowCustomFields) == "yes")
        #expect(report.calls == 1)
        #expect(report.messages.contains { $0.contains("2 random synced order(s) (seed 42) and 1 changed") })
        #expect(report.messages.contains { $0.contains("listed every Keap order (1 page(s) of 1000) instead of 3 lookups") })

        // A tenant whose lists leave custom fields out (each listed order would need a read): one lookup per order
        // sampled. Nothing changed since the sample above, so only the 2 random ones are checked.
        try harness.database.setSyncState(.orderListsShowCustomFields, "no")
        let lookedUp = try await Reconciler(database: harness.database, client: harness.client, settings: SyncSettings(tenantCurrency: Currency(code: "USD")!))
            .reconcile(options)
        #expect(lookedUp.checked == 2)
        #expect(lookedUp.discrepancies.isEmpty)
        #expect(lookedUp.calls == 2)
        #expect(!lookedUp.messages.contains { $0.contains("listed every Keap order") })
    }

    @Test func aSubscriptionStoppedInKeapIsAMismatchAndTheFixResumesIt() async throws {
        let harness = try await SyncHarness.start()
        await AwaitedTeardown.add { await harness.stop() }
        try await harness.setup()
        let product = EventBuilder.line("product.upserted", at: "2026-11-20T09:00:00Z", id: "s1", data: #"{"sku":"TEA-1","name":"Green tea","price":"12.50","currency":"USD","subscription":true}"#)
        let started = EventBuilder.line("subscription.started", at: "2026-11-20T10:00:00Z", id: "st-S-1", data: #"{"subscription_ref":"S-1","customer_ref":"C-1","sku":"TEA-1","price":"12.50","currency":"USD","interval":"month","interval_count":1,"current_period_end":"2026-12-20T10:00:00Z"}"#)
        try harness.ingest([Self.customer, product, started].joined(separator: "\n"))
        _ = try await harness.flush()
        #expect(try await Self.reconcile(harness).discrepancies.isEmpty)

        // Someone stops it in Keap.
        let keapID = try #require(await harness.sandbox.snapshot().subscriptions(customField: "ExternalSubscriptionRef", equals: "S-1").first?.id)
        try await harness.client.deactivateSubscription(id: keapID, reason: "by hand")
        let found = try await Self.reconcile(harness)
        #expect(found.discrepancies.map(\.ref) == ["subscription/S-1"])
        #expect(found.discrepancies.first?.kind == .mismatch)
        #expect(found.discrepancies.first?.fields == [FieldDifference(field: "active", ledger: "active", keap: "stopped")])

        _ = try await Self.reconcile(harness, fix: true)
        let repair = try await harness.flush()
        #expect(repair.sent == 1 && repair.failed == 0 && repair.parked == 0)
        #expect(await harness.sandbox.snapshot().subscriptions.first { $0.id == keapID }?.active == true)
        #expect(try await Self.reconcile(harness).discrepancies.isEmpty)
    }
}

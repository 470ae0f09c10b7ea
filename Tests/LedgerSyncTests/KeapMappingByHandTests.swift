import KeapSandbox
import LedgerTestSupport
import Testing
@testable import LedgerSync

/// What Keap must hold after a flush, written out by hand from spec/keap-sync.md and Keap's OpenAPI: no value below
/// is computed by the code under test. `KeapAgreement` compares Keap with the ledger's own mapping (agreement);
/// this suite says what that mapping must produce (correctness) for the cases that matter most.
@Suite("Keap holds the hand-computed values", .awaitedTeardown)
struct KeapMappingByHandTests {
    /// A customer, two products and a subscription product; an order placed at 10:00 in UTC+1 with two lines,
    /// shipping, tax and a discount, paid in full by card, shipped with tracking, then partly refunded; a monthly
    /// subscription.
    private static let feed = [
        EventBuilder.line("customer.upserted", at: "2026-11-20T09:00:00Z", id: "c1", data: #"{"customer_ref":"C-1","email":"ada@example.com","first_name":"Ada","last_name":"Lovelace"}"#),
        EventBuilder.line("product.upserted", at: "2026-11-20T09:00:00Z", id: "s1", data: #"{"sku":"TEA-1","name":"Green tea","price":"12.50","currency":"USD"}"#),
        EventBuilder.line("product.upserted", at: "2026-11-20T09:00:00Z", id: "s2", data: #"{"sku":"MUG-1","name":"Mug","price":"8.00","currency":"USD"}"#),
        EventBuilder.line("product.upserted", at: "2026-11-20T09:00:00Z", id: "s3", data: #"{"sku":"TEA-CLUB","name":"Tea club","price":"9.99","currency":"USD","subscription":true}"#),
        EventBuilder.line("order.placed", at: "2026-11-20T10:00:00+01:00", id: "o1", data: #"{"order_ref":"O-1","customer_ref":"C-1","currency":"USD","lines":[{"line_ref":"1","sku":"TEA-1","quantity":2,"unit_price":"12.50"},{"line_ref":"2","sku":"MUG-1","quantity":1,"unit_price":"8.00"}],"shipping":"4.95","tax":"2.10","discount":"1.00"}"#),
        EventBuilder.line("payment.captured", at: "2026-11-20T10:05:00Z", id: "p1", data: #"{"order_ref":"O-1","payment_ref":"P-1","amount":"39.05","method":"card"}"#),
        EventBuilder.line("shipment.shipped", at: "2026-11-21T08:15:30Z", id: "sh1", data: #"{"order_ref":"O-1","shipment_ref":"SH-1","carrier":"UPS","tracking_number":"1Z999","tracking_url":"https://ups.example/1Z999"}"#),
        EventBuilder.line("order.status_changed", at: "2026-11-21T08:16:00Z", id: "st1", data: #"{"order_ref":"O-1","status":"shipped"}"#),
        EventBuilder.line("payment.refunded", at: "2026-11-22T09:30:00Z", id: "r1", data: #"{"order_ref":"O-1","payment_ref":"P-1","refund_ref":"R-1","amount":"8.00"}"#),
        EventBuilder.line("subscription.started", at: "2026-11-20T10:00:00Z", id: "sub1", data: #"{"subscription_ref":"S-1","customer_ref":"C-1","sku":"TEA-CLUB","price":"9.99","currency":"USD","interval":"month","current_period_end":"2026-12-20T10:00:00Z"}"#),
    ].joined(separator: "\n")

    /// The parcel goes out again with another carrier, and arrives (delivered at 16:45 in UTC-5).
    private static let trackingChange = [
        EventBuilder.line("shipment.shipped", at: "2026-11-23T07:00:00Z", id: "sh2", data: #"{"order_ref":"O-1","shipment_ref":"SH-2","carrier":"FedEx","tracking_number":"7712"}"#),
        EventBuilder.line("shipment.delivered", at: "2026-11-24T16:45:00-05:00", id: "sh3", data: #"{"order_ref":"O-1","shipment_ref":"SH-2"}"#),
        EventBuilder.line("order.status_changed", at: "2026-11-24T21:46:00Z", id: "st2", data: #"{"order_ref":"O-1","status":"delivered"}"#),
    ].joined(separator: "\n")

    @Test func anOrderItsChargesPaymentRefundAndTrackingAndASubscriptionAreWhatAPersonComputes() async throws {
        let harness = try await SyncHarness.start()
        await AwaitedTeardown.add { await harness.stop() }
        try await harness.setup()
        try harness.ingest(Self.feed)
        let summary = try await harness.flush()
        #expect(summary.failed == 0 && summary.parked == 0, "\(summary)")
        var keap = await harness.sandbox.snapshot()

        // The contact: the names, the email, the customer ref in ExternalCustomerRef.
        let contact = try #require(keap.contacts.first)
        #expect(keap.contacts.count == 1)
        #expect(contact.emails == ["ada@example.com"])
        #expect(contact.givenName == "Ada" && contact.familyName == "Lovelace")
        #expect(contact.customFields.first { $0.label == "ExternalCustomerRef" }?.text == "C-1")

        // Products: price in integer minor units (12.50 USD -> 1250).
        let tea = try #require(keap.products.first { $0.sku == "TEA-1" })
        let mug = try #require(keap.products.first { $0.sku == "MUG-1" })
        let club = try #require(keap.products.first { $0.sku == "TEA-CLUB" })
        #expect(tea.name == "Green tea" && tea.price == 1250)
        #expect(mug.name == "Mug" && mug.price == 800)
        #expect(club.price == 999)

        // The order: one, created whole. 10:00 at +01:00 is 09:00Z; ONLINE; titled by its ref.
        let orders = keap.orders(customField: "ExternalOrderRef", equals: "O-1")
        #expect(orders.count == 1)
        var order = try #require(orders.first)
        #expect(order.contactID == contact.id)
        #expect(order.orderTime == "2026-11-20T09:00:00Z")
        #expect(order.orderType == "ONLINE")
        #expect(order.orderTitle.hasPrefix("O-1"))
        #expect(order.promoCodes.isEmpty)
        // Items: the lines as PRODUCT items with their line ref in notes, the charges as typed items without a
        // product; the discount signed (the default: Keap sums signed prices). 2 x 12.50 + 8.00 + 4.95 + 2.10 - 1.00.
        let items = order.items.map { "\($0.itemType) \($0.productID ?? "-") \($0.notes ?? "-") \($0.quantity) x \($0.pricePerUnit)" }.sorted()
        #expect(items == [
            "DISCOUNT - - 1 x -100",
            "PRODUCT \(mug.id) 2 1 x 800",
            "PRODUCT \(tea.id) 1 2 x 1250",
            "SHIPPING - - 1 x 495",
            "TAX - - 1 x 210",
        ].sorted(), "product ids are Keap's (the two products are created concurrently), so both sides are sorted")
        #expect(order.total == 3905)
        // The payment: manual, by the card's Manual Payment Type, the ref in notes and external_source_value, its
        // time in UTC, never applied to commissions; the order is paid in full. The refund does not touch Keap's
        // payments (Keap has no refund API): it is logged in RefundLog.
        #expect(order.payments.count == 1)
        let payment = try #require(order.payments.first)
        #expect(payment.amount == 3905 && payment.amountText == "39.05")
        #expect(payment.methodType == "Credit Card (Manual)")
        #expect(payment.notes == "P-1")
        #expect(payment.externalSourceValue == "P-1")
        #expect(payment.paymentTime == "2026-11-20T10:05:00Z")
        #expect(!payment.applyToCommissions)
        #expect(order.balance == 0)
        #expect(order.customField(label: "RefundLog") == "R-1: 8.00 USD of payment P-1 at 2026-11-22T09:30:00Z")
        // Fulfilment and tracking from the shipment, times in whole-second UTC.
        #expect(order.customField(label: "FulfillmentStatus") == "shipped")
        #expect(order.customField(label: "Carrier") == "UPS")
        #expect(order.customField(label: "TrackingNumber") == "1Z999")
        #expect(order.customField(label: "TrackingUrl") == "https://ups.example/1Z999")
        #expect(order.customField(label: "ShippedAt") == "2026-11-21T08:15:30Z")
        #expect((order.customField(label: "DeliveredAt") ?? "").isEmpty)

        // The subscription: on a monthly plan of its product at 999 minor units that never ends, created active with
        // auto_charge off; the real dates and the status in its custom fields.
        let plan = try #require(keap.subscriptionPlans.first { $0.productID == club.id })
        #expect(keap.subscriptionPlans.count == 1)
        #expect(plan.cycleType == "MONTHLY" && plan.frequency == 1 && plan.planPrice == 999 && plan.totalCycles == 0 && plan.active)
        let subscriptions = keap.subscriptions(customField: "ExternalSubscriptionRef", equals: "S-1")
        #expect(subscriptions.count == 1)
        let subscription = try #require(subscriptions.first)
        #expect(subscription.contactID == contact.id && subscription.productID == club.id && subscription.planID == plan.id)
        #expect(subscription.quantity == 1 && subscription.active && !subscription.autoCharge)
        let subscriptionFields = Dictionary(subscription.customFields.map { ($0.label, $0.text ?? "") }, uniquingKeysWith: { first, _ in first })
        #expect(subscriptionFields["SubscriptionStatus"] == "active")
        #expect(subscriptionFields["StartedAt"] == "2026-11-20T10:00:00Z")
        #expect(subscriptionFields["CurrentPeriodEnd"] == "2026-12-20T10:00:00Z")

        // When the tracking changes, then the latest shipment's values replace the first's, nothing else changes.
        try harness.ingest(Self.trackingChange)
        #expect(try await harness.flush().sent == 1)
        keap = await harness.sandbox.snapshot()
        order = try #require(keap.orders(customField: "ExternalOrderRef", equals: "O-1").first)
        #expect(keap.orders.count == 1)
        #expect(order.customField(label: "FulfillmentStatus") == "delivered")
        #expect(order.customField(label: "Carrier") == "FedEx")
        #expect(order.customField(label: "TrackingNumber") == "7712")
        #expect((order.customField(label: "TrackingUrl") ?? "").isEmpty)
        #expect(order.customField(label: "ShippedAt") == "2026-11-23T07:00:00Z")
        #expect(order.customField(label: "DeliveredAt") == "2026-11-24T21:45:00Z")
        #expect(order.total == 3905 && order.payments.count == 1 && order.items.count == 5)
    }
}

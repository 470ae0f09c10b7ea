import Testing
import LedgerTestSupport
@testable import LedgerCore

/// Customers, products and subscriptions: merges, defaults, renewals, linked orders and anomalies.
@Suite("Customer, product and subscription folds")
struct MasterDataFoldTests {
    private func event(_ type: String, _ time: String, _ data: String, seq: Int64) -> LedgerEvent {
        EventBuilder.event(EventBuilder.line(type, at: time, id: "e\(seq)", data: data), seq: seq)
    }

    @Test func customerUpsertsMergeFieldsAndNeverWipeWhatTheyLeaveOut() {
        var customer = CustomerState(customerRef: "C-1")
        customer.apply(event("customer.upserted", "2026-11-20T10:00:00Z", #"{"customer_ref":"C-1","email":"ada@example.com","first_name":"Ada","last_name":"Lovelace","shipping_address":{"line1":"1 Main St","city":"Austin","country_code":"US"}}"#, seq: 1))
        customer.apply(event("customer.upserted", "2026-11-21T10:00:00Z", #"{"customer_ref":"C-1","email":"ada@new.example.com","phone":"+1 555 0100","first_name":null}"#, seq: 2))
        #expect(customer.email == "ada@new.example.com")
        #expect(customer.firstName == "Ada")
        #expect(customer.lastName == "Lovelace")
        #expect(customer.phone == "+1 555 0100")
        #expect(customer.shippingAddress?.city == "Austin")
        #expect(customer.progress.eventCount == 2)
    }

    @Test func productUpsertsKeepFlagsUntilChangedAndPriceInMinorUnits() {
        var product = ProductState(sku: "TEA-1")
        #expect(product.isActive && !product.isSubscription)
        product.apply(event("product.upserted", "2026-11-20T10:00:00Z", #"{"sku":"TEA-1","name":"Green tea","price":"12.50","currency":"USD","subscription":true}"#, seq: 1))
        product.apply(event("product.upserted", "2026-11-21T10:00:00Z", #"{"sku":"TEA-1","name":"Green tea 250g","price":"1500","currency":"JPY","active":false}"#, seq: 2))
        #expect(product.name == "Green tea 250g")
        #expect(product.price == 1500)
        #expect(product.currency?.code == "JPY")
        #expect(product.isSubscription)
        #expect(!product.isActive)
        #expect(product.anomalies.isEmpty)
    }

    private static let started = #"{"subscription_ref":"S-1","customer_ref":"C-1","sku":"TEA-1","order_ref":"O-1","price":"9.90","currency":"EUR","interval":"month","current_period_end":"2026-12-20T10:00:00Z"}"#

    @Test func subscriptionsStartRenewLinkOrdersAndChangeStatus() {
        var subscription = SubscriptionState(subscriptionRef: "S-1")
        subscription.apply(event("subscription.started", "2026-11-20T10:00:00Z", Self.started, seq: 1))
        subscription.apply(event("subscription.renewed", "2026-12-20T10:00:00Z", #"{"subscription_ref":"S-1","current_period_end":"2027-01-20T10:00:00Z","order_ref":"O-2"}"#, seq: 2))
        subscription.apply(event("subscription.renewed", "2027-01-20T10:00:00Z", #"{"subscription_ref":"S-1","current_period_end":"2027-02-20T10:00:00Z","order_ref":"O-2"}"#, seq: 3))
        subscription.apply(event("subscription.status_changed", "2027-01-25T10:00:00Z", #"{"subscription_ref":"S-1","status":"paused"}"#, seq: 4))
        #expect(subscription.isComplete)
        #expect(subscription.price == 990)
        #expect(subscription.interval == .month && subscription.intervalCount == 1)
        #expect(subscription.renewals == 2)
        #expect(subscription.orderRefs == ["O-1", "O-2"])
        #expect(subscription.status == .paused)
        #expect(subscription.currentPeriodEnd == (try! Timestamp(rfc3339: "2027-02-20T10:00:00Z")))
        #expect(subscription.anomalies.isEmpty)
    }

    @Test func subscriptionEventsBeforeTheStartWaitAndRenewalsAfterTheEndAreFlagged() {
        var subscription = SubscriptionState(subscriptionRef: "S-1")
        subscription.apply(event("subscription.status_changed", "2026-11-19T10:00:00Z", #"{"subscription_ref":"S-1","status":"past_due"}"#, seq: 1))
        #expect(!subscription.isComplete && subscription.waiting.count == 1)
        subscription.apply(event("subscription.started", "2026-11-20T10:00:00Z", Self.started, seq: 2))
        #expect(subscription.status == .pastDue)
        #expect(subscription.anomalies.map(\.code) == [.beforeStart])
        subscription.apply(event("subscription.status_changed", "2026-11-21T10:00:00Z", #"{"subscription_ref":"S-1","status":"cancelled"}"#, seq: 3))
        subscription.apply(event("subscription.renewed", "2026-12-20T10:00:00Z", #"{"subscription_ref":"S-1","current_period_end":"2027-01-20T10:00:00Z"}"#, seq: 4))
        #expect(subscription.anomalies.map(\.code) == [.beforeStart, .renewedAfterEnd])
        #expect(subscription.renewals == 1)
    }
}

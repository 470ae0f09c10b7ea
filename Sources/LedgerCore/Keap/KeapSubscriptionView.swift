/// What Keap should show for one subscription: its plan's terms (SKU, price, interval), its status and, as custom
/// fields, the real dates (Keap refuses start dates in the past). The linked order refs are in the view but Keap is
/// told nothing about them, so a renewal order alone costs no call.
package struct KeapSubscriptionView: Sendable, Equatable {
    package let subscriptionRef: String
    package let customerRef: String?
    package let sku: String?
    /// Minor units of `currency`; nil when the feed's price did not fit.
    package let price: Int64?
    package let currency: Currency?
    package let interval: SubscriptionInterval?
    package let intervalCount: Int64
    package let status: SubscriptionStatus?
    /// Set by `subscription.started` only: nil while the subscription waits for its start.
    package let startedAt: Timestamp?
    package let currentPeriodEnd: Timestamp?
    package let orderRefs: [String]

    package init(
        subscriptionRef: String, customerRef: String?, sku: String?, price: Int64?, currency: Currency?, interval: SubscriptionInterval?,
        intervalCount: Int64, status: SubscriptionStatus?, startedAt: Timestamp?, currentPeriodEnd: Timestamp?, orderRefs: [String]
    ) {
        self.subscriptionRef = subscriptionRef
        self.customerRef = customerRef
        self.sku = sku
        self.price = price
        self.currency = currency
        self.interval = interval
        self.intervalCount = intervalCount
        self.status = status
        self.startedAt = startedAt
        self.currentPeriodEnd = currentPeriodEnd
        self.orderRefs = orderRefs
    }

    package init(_ subscription: SubscriptionState) {
        self.init(
            subscriptionRef: subscription.subscriptionRef, customerRef: subscription.customerRef, sku: subscription.sku,
            price: subscription.price, currency: subscription.currency, interval: subscription.interval,
            intervalCount: Int64(subscription.intervalCount), status: subscription.status, startedAt: subscription.startedAt,
            currentPeriodEnd: subscription.currentPeriodEnd, orderRefs: subscription.orderRefs)
    }

    /// Sent once started: `startedAt` is set by `subscription.started` and by nothing else (`SubscriptionState.isComplete`).
    package var isReady: Bool { startedAt != nil }

    /// Keap knows a subscription as active or stopped, nothing in between: cancelled and expired stop it; paused and
    /// past_due keep it active and show only in the `SubscriptionStatus` field.
    package var hasEnded: Bool {
        status == .cancelled || status == .expired
    }

    /// The plan's `cycle_type` for the ledger's interval.
    package var cycleType: String? {
        switch interval {
        case .day: "DAILY"
        case .week: "WEEKLY"
        case .month: "MONTHLY"
        case .year: "YEARLY"
        case nil: nil
        }
    }
}

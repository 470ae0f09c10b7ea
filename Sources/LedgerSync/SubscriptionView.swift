import LedgerCore

/// The Keap view of one subscription (what `KeapView` builds), typed for the subscription calls. The linked order
/// refs are in the view but not here: Keap is told nothing about them, so a renewal order alone costs no call.
struct SubscriptionView: Equatable {
    let subscriptionRef: String
    let customerRef: String?
    let sku: String?
    /// Decimal text in `currency`'s scale.
    let price: String?
    let currency: String?
    /// day, week, month or year.
    let interval: String?
    let intervalCount: Int64
    /// active, paused, past_due, cancelled or expired.
    let status: String?
    let startedAt: String?
    let currentPeriodEnd: String?

    init(_ value: JSONValue) {
        let view = ViewReader(value)
        subscriptionRef = view.string("subscription_ref") ?? ""
        customerRef = view.string("customer_ref")
        sku = view.string("sku")
        price = view.numberText("price")
        currency = view.string("currency")
        interval = view.string("interval")
        intervalCount = view.integer("interval_count") ?? 1
        status = view.string("status")
        startedAt = view.string("started_at")
        currentPeriodEnd = view.string("current_period_end")
    }

    /// Keap knows a subscription as active or stopped, nothing in between: cancelled and expired stop it; paused and
    /// past_due keep it active and show only in the `SubscriptionStatus` field.
    var hasEnded: Bool {
        status == "cancelled" || status == "expired"
    }

    /// The plan's `cycle_type` for the ledger's interval.
    var cycleType: String? {
        switch interval {
        case "day": "DAILY"
        case "week": "WEEKLY"
        case "month": "MONTHLY"
        case "year": "YEARLY"
        default: nil
        }
    }
}

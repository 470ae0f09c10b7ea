/// Subscription events: the `subscription/<subscription_ref>` stream.
extension FeedValidator {
    static func validateSubscriptionStarted(_ data: FieldReader) throws(FeedViolation) -> EventPayload {
        let subscriptionRef = try data.reference("subscription_ref")
        let customerRef = try data.reference("customer_ref")
        let sku = try data.reference("sku")
        let orderRef = try data.optionalReference("order_ref")
        let currency = try data.currency("currency")
        return .subscriptionStarted(SubscriptionStarted(
            subscriptionRef: subscriptionRef,
            customerRef: customerRef,
            sku: sku,
            orderRef: orderRef,
            price: try data.money("price", currency: currency),
            currency: currency,
            interval: try data.choice("interval", SubscriptionInterval.self),
            intervalCount: try data.optionalInteger("interval_count", in: 1...1000),
            currentPeriodEnd: try data.timestamp("current_period_end")
        ))
    }

    static func validateSubscriptionRenewed(_ data: FieldReader) throws(FeedViolation) -> EventPayload {
        .subscriptionRenewed(SubscriptionRenewed(
            subscriptionRef: try data.reference("subscription_ref"),
            currentPeriodEnd: try data.timestamp("current_period_end"),
            orderRef: try data.optionalReference("order_ref")
        ))
    }

    static func validateSubscriptionStatusChanged(_ data: FieldReader) throws(FeedViolation) -> EventPayload {
        .subscriptionStatusChanged(SubscriptionStatusChanged(
            subscriptionRef: try data.reference("subscription_ref"),
            status: try data.choice("status", SubscriptionStatus.self),
            currentPeriodEnd: try data.optionalTimestamp("current_period_end")
        ))
    }
}

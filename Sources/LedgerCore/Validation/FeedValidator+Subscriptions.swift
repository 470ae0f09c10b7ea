/// Subscription events: the `subscription/<subscription_ref>` stream.
extension FeedValidator {
    static let subscriptionIntervals = ["day", "week", "month", "year"]
    static let subscriptionStatuses = ["active", "paused", "past_due", "cancelled", "expired"]

    static func validateSubscriptionStarted(_ data: FieldReader) throws(FeedViolation) -> String {
        let subscriptionRef = try data.reference("subscription_ref")
        _ = try data.reference("customer_ref")
        _ = try data.reference("sku")
        _ = try data.optionalReference("order_ref")
        let currency = try data.currency("currency")
        _ = try data.money("price", currency: currency)
        _ = try data.choice("interval", subscriptionIntervals)
        _ = try data.optionalInteger("interval_count", in: 1...1000)
        _ = try data.timestamp("current_period_end")
        return subscriptionRef
    }

    static func validateSubscriptionRenewed(_ data: FieldReader) throws(FeedViolation) -> String {
        let subscriptionRef = try data.reference("subscription_ref")
        _ = try data.timestamp("current_period_end")
        _ = try data.optionalReference("order_ref")
        return subscriptionRef
    }

    static func validateSubscriptionStatusChanged(_ data: FieldReader) throws(FeedViolation) -> String {
        let subscriptionRef = try data.reference("subscription_ref")
        _ = try data.choice("status", subscriptionStatuses)
        _ = try data.optionalTimestamp("current_period_end")
        return subscriptionRef
    }
}

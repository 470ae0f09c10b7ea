/// `subscription.started`.
package struct SubscriptionStarted: Sendable, Equatable {
    package var subscriptionRef: String
    package var customerRef: String
    package var sku: String
    package var orderRef: String?
    package var price: DecimalAmount
    package var currency: Currency
    package var interval: SubscriptionInterval
    /// nil when absent (default 1).
    package var intervalCount: Int?
    package var currentPeriodEnd: Timestamp

    package init(
        subscriptionRef: String, customerRef: String, sku: String, orderRef: String? = nil, price: DecimalAmount,
        currency: Currency, interval: SubscriptionInterval, intervalCount: Int? = nil, currentPeriodEnd: Timestamp
    ) {
        self.subscriptionRef = subscriptionRef
        self.customerRef = customerRef
        self.sku = sku
        self.orderRef = orderRef
        self.price = price
        self.currency = currency
        self.interval = interval
        self.intervalCount = intervalCount
        self.currentPeriodEnd = currentPeriodEnd
    }
}

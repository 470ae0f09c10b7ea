/// `subscription.renewed`: a new period, optionally with the order that billed it.
package struct SubscriptionRenewed: Sendable, Equatable {
    package var subscriptionRef: String
    package var currentPeriodEnd: Timestamp
    package var orderRef: String?

    package init(subscriptionRef: String, currentPeriodEnd: Timestamp, orderRef: String? = nil) {
        self.subscriptionRef = subscriptionRef
        self.currentPeriodEnd = currentPeriodEnd
        self.orderRef = orderRef
    }
}

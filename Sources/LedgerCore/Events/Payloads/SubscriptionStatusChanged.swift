/// `subscription.status_changed`.
package struct SubscriptionStatusChanged: Sendable, Equatable {
    package var subscriptionRef: String
    package var status: SubscriptionStatus
    package var currentPeriodEnd: Timestamp?

    package init(subscriptionRef: String, status: SubscriptionStatus, currentPeriodEnd: Timestamp? = nil) {
        self.subscriptionRef = subscriptionRef
        self.status = status
        self.currentPeriodEnd = currentPeriodEnd
    }
}

/// A subscription's status as the source reports it.
package enum SubscriptionStatus: String, Sendable, Equatable, CaseIterable {
    case active
    case paused
    case pastDue = "past_due"
    case cancelled
    case expired
}

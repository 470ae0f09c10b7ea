/// A subscription's billing interval unit.
package enum SubscriptionInterval: String, Sendable, Equatable, CaseIterable {
    case day
    case week
    case month
    case year
}

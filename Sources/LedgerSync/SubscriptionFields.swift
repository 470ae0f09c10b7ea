import LedgerCore

/// The subscription custom fields the sync writes, with their values for one subscription view.
enum SubscriptionFields {
    /// The subscription fields `keap setup` creates, in its order (one list: `KeapCustomField.all`).
    static let labels = KeapCustomField.all.filter { $0.record == .subscriptions }.map(\.label)

    /// Label -> value. The real dates travel here, in Keap's whole-second UTC form: Keap refuses start dates in the
    /// past, so its own `start_date` is the day the subscription reached Keap.
    static func values(of view: KeapSubscriptionView) -> [(key: String, value: String?)] {
        [
            ("ExternalSubscriptionRef", view.subscriptionRef),
            ("SubscriptionStatus", view.status?.rawValue),
            ("StartedAt", view.startedAt.map { SyncContext.keapTime($0.utcText) }),
            ("CurrentPeriodEnd", view.currentPeriodEnd.map { SyncContext.keapTime($0.utcText) }),
        ]
    }
}

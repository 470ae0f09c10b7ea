/// A subscription: the fold of `subscription/<subscription_ref>`. Like orders, events before
/// `subscription.started` wait for it and are then applied, flagged `before_start`.
package struct SubscriptionState: Sendable, Equatable {
    package let subscriptionRef: String
    package var isComplete = false
    package var customerRef: String?
    package var sku: String?
    package var currency: Currency?
    /// Minor units of `currency`.
    package var price: Int64?
    package var interval: SubscriptionInterval?
    package var intervalCount = 1
    package var status: SubscriptionStatus?
    package var startedAt: Timestamp?
    package var currentPeriodEnd: Timestamp?
    package var renewals = 0
    /// Orders that started or renewed it, in fold order, without repeats.
    package var orderRefs: [String] = []
    package var anomalies: [Anomaly] = []
    package var waiting: [LedgerEvent] = []
    package var progress = StreamProgress()

    package init(subscriptionRef: String) {
        self.subscriptionRef = subscriptionRef
    }

    package mutating func apply(_ event: LedgerEvent) {
        applyGated(event)
    }

    private mutating func start(_ started: SubscriptionStarted, event: LedgerEvent) {
        isComplete = true
        customerRef = started.customerRef
        sku = started.sku
        currency = started.currency
        price = started.currency.minorUnits(of: started.price)
        if price == nil {
            anomalies.append(Anomaly(event: event, code: .amountOutOfRange, message: "price \(started.price) \(started.currency) is too large; price left empty"))
        }
        interval = started.interval
        intervalCount = started.intervalCount ?? 1
        status = .active
        startedAt = event.occurredAt
        currentPeriodEnd = started.currentPeriodEnd
        if let orderRef = started.orderRef { link(orderRef) }
    }

    mutating func change(with event: LedgerEvent) {
        switch event.payload {
        case .subscriptionStarted(let started):
            if started.currency != currency {
                anomalies.append(Anomaly(event: event, code: .currencyMismatch, message: "subscription.started again in \(started.currency), but the subscription is in \(currency.map(String.init(describing:)) ?? "?"); ignored"))
            }
            anomalies.append(Anomaly(event: event, code: .startedAgain, message: "subscription.started again (first started at \(startedAt.map(String.init(describing:)) ?? "?")); ignored"))
        case .subscriptionRenewed(let renewed):
            if status == .cancelled || status == .expired {
                anomalies.append(Anomaly(event: event, code: .renewedAfterEnd, message: "renewed at \(event.occurredAt) while \(status?.rawValue ?? "?"); applied"))
            }
            renewals += 1
            currentPeriodEnd = renewed.currentPeriodEnd
            if let orderRef = renewed.orderRef { link(orderRef) }
        case .subscriptionStatusChanged(let changed):
            status = changed.status
            if let end = changed.currentPeriodEnd { currentPeriodEnd = end }
        default:
            break
        }
    }

    private mutating func link(_ orderRef: String) {
        if !orderRefs.contains(where: { $0.utf8.elementsEqual(orderRef.utf8) }) { orderRefs.append(orderRef) }
    }
}

extension SubscriptionState: StartGatedFold {
    static var startType: EventType { .subscriptionStarted }

    mutating func start(with event: LedgerEvent) {
        guard case .subscriptionStarted(let started) = event.payload else { return }
        start(started, event: event)
    }
}

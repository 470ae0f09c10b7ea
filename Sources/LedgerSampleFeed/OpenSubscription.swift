/// A subscription still running: renewals, pauses and its eventual end are scheduled from it.
struct OpenSubscription: Sendable {
    /// The step taken at the next scheduled time; each writes one subscription-stream event.
    enum Stage: UInt8, Sendable {
        case start, renew, recover, resume, cancelAtPeriodEnd, expire
    }

    /// The billing interval, as the contract spells it.
    enum Interval: UInt8, Sendable {
        case day, week, month, year

        /// The contract's name for the interval.
        var name: StaticString {
            switch self {
            case .day: "day"
            case .week: "week"
            case .month: "month"
            case .year: "year"
            }
        }
    }

    /// The number in `SUB-<number>`.
    var number: Int = 0
    var customer: Int = 0
    var product: Int = 0
    var currency: FeedCurrency = .usd
    var price: Int64 = 0
    var interval: Interval = .month
    var intervalCount = 1
    /// The order that bought it, or -1 when it started elsewhere.
    var order = -1
    /// End of the current period, epoch milliseconds.
    var periodEnd: Int64 = 0
    var renewalsLeft = 0
    var stage: Stage = .start

    /// The period end one interval after `milliseconds`, calendar-aware for months and years.
    func periodEnd(after milliseconds: Int64) -> Int64 {
        switch interval {
        case .day: milliseconds + Int64(intervalCount) * UTCTimestamp.millisecondsPerDay
        case .week: milliseconds + Int64(intervalCount * 7) * UTCTimestamp.millisecondsPerDay
        case .month: UTCTimestamp.addingMonths(intervalCount, to: milliseconds)
        case .year: UTCTimestamp.addingMonths(12 * intervalCount, to: milliseconds)
        }
    }
}

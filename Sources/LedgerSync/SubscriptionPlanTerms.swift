/// What makes a Keap subscription plan the one a subscription needs: its cycle, how many cycles per bill, and its
/// price in minor units of the tenant currency. Plans never end (`total_cycles` 0): the ledger says when a
/// subscription stops.
struct SubscriptionPlanTerms: Equatable, CustomStringConvertible {
    /// DAILY, WEEKLY, MONTHLY or YEARLY.
    let cycleType: String
    let frequency: Int
    let priceMinor: Int64

    /// The plan's ref in the id map: `MONTHLY/1/1250`.
    var ref: String { "\(cycleType)/\(frequency)/\(priceMinor)" }

    var description: String { "\(cycleType) every \(frequency) at \(priceMinor) minor units" }
}

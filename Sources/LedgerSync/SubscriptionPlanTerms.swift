import LedgerCore
import LedgerStore

/// What makes a Keap subscription plan the one a subscription needs: its cycle, how many cycles per bill, and its
/// price in minor units of the tenant currency. Plans never end (`total_cycles` 0): the ledger says when a
/// subscription stops.
struct SubscriptionPlanTerms: Equatable, CustomStringConvertible {
    /// DAILY, WEEKLY, MONTHLY or YEARLY.
    let cycleType: String
    let frequency: Int
    let priceMinor: Int64

    /// The plan `desired` needs, in the tenant's currency (Keap subscriptions, like orders, have none of their own:
    /// another currency cannot be represented and parks before any call). The sync and the dry run both ask here.
    init(_ desired: KeapSubscriptionView, tenant: Currency) throws(StreamFailure) {
        let ref = desired.subscriptionRef
        guard let currency = desired.currency, currency == tenant else {
            throw StreamFailure.refused("subscription \(ref) is in \(desired.currency?.code ?? "no currency"), but the Keap tenant's currency is \(tenant.code) (KEAP_CURRENCY) and Keap subscriptions have no currency of their own; it cannot be sent to this tenant")
        }
        guard let cycleType = desired.cycleType else {
            throw StreamFailure.refused("subscription \(ref) has no billing interval Keap knows (\(desired.interval?.rawValue ?? "none"))")
        }
        guard let price = desired.price else {
            throw StreamFailure.refused("subscription \(ref) has no valid price in \(currency.code) (none)")
        }
        guard let frequency = Int(exactly: desired.intervalCount), frequency >= 1 else {
            throw StreamFailure.refused("subscription \(ref) has an interval count of \(desired.intervalCount)")
        }
        self.init(cycleType: cycleType, frequency: frequency, priceMinor: price)
    }

    init(cycleType: String, frequency: Int, priceMinor: Int64) {
        self.cycleType = cycleType
        self.frequency = frequency
        self.priceMinor = priceMinor
    }

    /// The plan's ref in the id map: `MONTHLY/1/1250`.
    var ref: String { "\(cycleType)/\(frequency)/\(priceMinor)" }

    /// The plan's key in the id map, under the product it belongs to (the sync and the dry run both use it).
    func key(sku: String) -> KeapRefKey {
        KeapRefKey(.subscriptionPlan, owner: sku, ref)
    }

    var description: String { "\(cycleType) every \(frequency) at \(priceMinor) minor units" }
}

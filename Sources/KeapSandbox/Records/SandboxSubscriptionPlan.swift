/// A subscription plan of a product (`SubscriptionPlan`). `planPrice` is minor units of the tenant currency.
package struct SandboxSubscriptionPlan: Sendable, Equatable {
    package let id: String
    package let productID: String
    /// `subscription_plan_name`, made up from the product name and the cycle (Keap names plans itself).
    package var name: String
    /// DAILY, WEEKLY, MONTHLY or YEARLY.
    package var cycleType: String
    package var frequency: Int64
    package var planPrice: Int64
    /// `plan_price` exactly as written, for assertions (an integer of minor units, or whatever the client sent).
    package var planPriceText: String
    package var active: Bool
    /// 0 = never ends.
    package var totalCycles: Int64
    package var allowProrating: Bool
    package var displayOrderIndex: Int64

    /// The subscription `billing_cycle` for this plan's `cycle_type` (the two enums differ: MONTHLY vs MONTH).
    var billingCycle: String {
        switch cycleType {
        case "DAILY": "DAY"
        case "WEEKLY": "WEEK"
        case "YEARLY": "YEAR"
        default: "MONTH"
        }
    }
}

import LedgerCore

/// The parts of a Keap `SubscriptionPlan` the sync reads: what a plan is matched by (cycle, frequency, price, open
/// end) when it is looked up under its product.
package struct KeapSubscriptionPlan: Sendable, Equatable {
    package let id: String
    /// DAILY, WEEKLY, MONTHLY or YEARLY (the plan's enum; subscriptions say DAY/WEEK/MONTH/YEAR).
    package let cycleType: String?
    /// Cycles per bill; protobuf-style JSON omits 0, and a plan never has 0, so absent reads as Keap's default 1.
    package let frequency: Int
    /// 0 = never ends (absent reads as 0).
    package let totalCycles: Int
    package let active: Bool?
    package let name: String?
    /// `plan_price` as a `CurrencyValue` (minor units).
    package let planPrice: KeapMoney?

    package init(id: String, cycleType: String?, frequency: Int, totalCycles: Int, active: Bool?, name: String?, planPrice: KeapMoney?) {
        self.id = id
        self.cycleType = cycleType
        self.frequency = frequency
        self.totalCycles = totalCycles
        self.active = active
        self.name = name
        self.planPrice = planPrice
    }

    init(json object: JSONObject) throws(KeapDecodeError) {
        let context = "subscription plan"
        id = try object.requiredID("id", in: context)
        cycleType = try object.optionalString("cycle_type", in: context)
        let frequency = try object.integer("frequency", in: context)
        self.frequency = frequency == 0 ? 1 : frequency
        totalCycles = try object.integer("total_cycles", in: context)
        active = try object.optionalBool("active", in: context)
        name = try object.optionalString("subscription_plan_name", in: context)
        planPrice = try object.optionalMoney("plan_price", in: context)
    }
}

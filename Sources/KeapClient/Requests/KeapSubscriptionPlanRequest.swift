import LedgerCore

/// `CreateSubscriptionPlanRequest`: a plan under a product. Keap requires `cycle_type` and `plan_price`.
package struct KeapSubscriptionPlanRequest: Sendable, Equatable {
    /// DAILY, WEEKLY, MONTHLY or YEARLY.
    package var cycleType: String
    /// `plan_price`: "in the smallest currency unit" (OpenAPI), so an integer number of minor units (`1250` for
    /// $12.50), never a decimal; the caller checks the price Keap echoes back as a `CurrencyValue`.
    package var planPriceMinor: Int64
    /// Cycles per bill (≥ 1).
    package var frequency: Int
    /// 0 = the plan never ends.
    package var totalCycles: Int?
    package var active: Bool?

    package init(cycleType: String, planPriceMinor: Int64, frequency: Int, totalCycles: Int? = nil, active: Bool? = nil) {
        self.cycleType = cycleType
        self.planPriceMinor = planPriceMinor
        self.frequency = frequency
        self.totalCycles = totalCycles
        self.active = active
    }

    var json: JSONValue {
        var members = [
            JSONMember("cycle_type", .string(cycleType)),
            JSONMember("plan_price", .integer(planPriceMinor)),
            JSONMember("frequency", .integer(frequency)),
        ]
        members.appendIfPresent("total_cycles", totalCycles)
        members.appendIfPresent("active", active)
        return .object(JSONObject(members: members))
    }
}

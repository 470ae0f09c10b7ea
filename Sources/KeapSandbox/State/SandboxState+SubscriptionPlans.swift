import LedgerCore

/// Subscription plans under a product: `GET`/`POST /v2/products/{product_id}/subscriptions` (`-` lists every
/// product's plans). Strict per `CreateSubscriptionPlanRequest`: `cycle_type` and `plan_price` are required.
extension SandboxState {
    static let planProperties: Set<String> = [
        "active", "frequency", "allow_prorating", "cycle_type", "display_order_index", "plan_price", "total_cycles",
    ]

    static let planCycleTypes = ["DAILY", "WEEKLY", "MONTHLY", "YEARLY"]

    func subscriptionPlan(_ id: String) throws -> SandboxSubscriptionPlan {
        guard let plan = subscriptionPlans[id] else { throw SandboxHTTPError.notFound("subscription plan \(id) not found") }
        return plan
    }

    func createSubscriptionPlan(productID: String, _ request: SandboxRequest) throws -> SandboxReply {
        let product = try product(productID)
        let body = try SandboxBody.parse(request.body)
        try body.rejectUnknown(allowed: SandboxState.planProperties, strict: configuration.strictUnknownProperties)
        guard let cycleType = try body.string("cycle_type", required: true), SandboxState.planCycleTypes.contains(cycleType) else {
            throw SandboxHTTPError.badRequest("cycle_type must be one of \(SandboxState.planCycleTypes.joined(separator: ", "))")
        }
        guard let planPrice = try subscriptionAmount(body, "plan_price", required: true) else {
            throw SandboxHTTPError.badRequest("plan_price is required")
        }
        let (price, priceText) = planPrice
        let frequency = try body.integer("frequency") ?? 1
        guard frequency > 0 else { throw SandboxHTTPError.badRequest("frequency must be greater than 0") }
        let totalCycles = try body.integer("total_cycles") ?? 0
        guard totalCycles >= 0 else { throw SandboxHTTPError.badRequest("total_cycles must not be negative") }
        let plan = SandboxSubscriptionPlan(
            id: nextID("subscription_plan"), productID: product.id,
            name: "\(product.name) every \(frequency) \(cycleType.lowercased())", cycleType: cycleType, frequency: frequency,
            planPrice: price, planPriceText: priceText, active: try body.bool("active") ?? true, totalCycles: totalCycles,
            allowProrating: try body.bool("allow_prorating") ?? false, displayOrderIndex: try body.integer("display_order_index") ?? 0
        )
        subscriptionPlans[plan.id] = plan
        return SandboxReply(status: 201, json: planJSON(plan))
    }

    func listSubscriptionPlans(productID: String, _ request: SandboxRequest) throws -> SandboxReply {
        if productID != "-" { _ = try product(productID) }
        let clauses = try SandboxFilterClause.parseAll(request.queryValue("filter"))
        let orderBy = try SandboxOrderBy(request.queryValue("order_by"), allowed: ["id", "product_id"], defaultField: "id")
        for clause in clauses { try checkPlanClause(clause) }
        var matches = byID(subscriptionPlans, id: \.id).filter { plan in
            (productID == "-" || plan.productID == productID) && clauses.allSatisfy { planMatches(plan, $0) }
        }
        if orderBy.field == "product_id" { matches.sort { (Int($0.productID) ?? 0, Int($0.id) ?? 0) < (Int($1.productID) ?? 0, Int($1.id) ?? 0) } }
        if orderBy.descending { matches.reverse() }
        return try listReply(key: "subscriptions", items: matches.map(planJSON), request: request)
    }

    /// The list allows `active` (true|false) and `cycle_type` (the enum), `==` only.
    private func checkPlanClause(_ clause: SandboxFilterClause) throws {
        try clause.require([.equal])
        switch clause.field {
        case "active":
            guard clause.value == "true" || clause.value == "false" else { throw SandboxHTTPError.badRequest("active must be true or false") }
        case "cycle_type":
            guard SandboxState.planCycleTypes.contains(clause.value) else {
                throw SandboxHTTPError.badRequest("cycle_type must be one of \(SandboxState.planCycleTypes.joined(separator: ", "))")
            }
        default:
            throw SandboxHTTPError.badRequest("unknown filter field \(clause.field)")
        }
    }

    private func planMatches(_ plan: SandboxSubscriptionPlan, _ clause: SandboxFilterClause) -> Bool {
        clause.field == "active" ? plan.active == (clause.value == "true") : plan.cycleType == clause.value
    }

    /// A `number` amount of the subscription area (`plan_price`, `billing_amount`) in the configured units, as minor
    /// units plus the text written: minor units must be an integer (a decimal such as `12.50` is refused, it means the
    /// client sent major units), major units take the currency's scale. Never negative.
    func subscriptionAmount(_ body: SandboxBody, _ key: String, required: Bool = false) throws -> (Int64, String)? {
        guard let value = body.value(key) else {
            if required { throw SandboxHTTPError.badRequest("\(key) is required") }
            return nil
        }
        guard case .number(let number) = value else {
            throw SandboxHTTPError.badRequest("\(key) must be a number, not \(value.kindDescription)")
        }
        let amount: Int64
        switch configuration.subscriptionAmountUnits {
        case .minor:
            guard number.isIntegerLiteral, let minor = Int64(number.text) else {
                throw SandboxHTTPError.badRequest("\(key) \(number.text) must be an integer amount in the smallest currency unit")
            }
            amount = minor
        case .major:
            guard let minor = try body.money(key, currency: currency) else { throw SandboxHTTPError.badRequest("\(key) is required") }
            amount = minor
        }
        guard amount >= 0 else { throw SandboxHTTPError.badRequest("\(key) must be 0 or greater") }
        return (amount, number.text)
    }

    /// An amount of the subscription area as a bare number in the configured units.
    func subscriptionAmountJSON(_ minor: Int64) -> JSONValue {
        switch configuration.subscriptionAmountUnits {
        case .minor: .integer(minor)
        case .major: money.decimalNumber(minor)
        }
    }

    /// `SubscriptionPlan`.
    func planJSON(_ plan: SandboxSubscriptionPlan) -> JSONValue {
        var object = SandboxObjectBuilder()
        object.set("id", string: plan.id)
        object.set("frequency", .integer(plan.frequency))
        object.set("active", bool: plan.active)
        object.set("subscription_plan_name", string: plan.name)
        object.set("cycle_type", string: plan.cycleType)
        object.set("total_cycles", .integer(plan.totalCycles))
        object.set("plan_price", money.currencyValue(plan.planPrice))
        object.set("display_order_index", .integer(plan.displayOrderIndex))
        return object.value
    }
}

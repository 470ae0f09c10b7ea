import LedgerCore

/// Subscriptions: create (contact and plan must exist, no start date in the past, no second identical active
/// subscription unless `allow_duplicate`), get, list with filters (custom fields by `field_name`), PATCH with
/// `update_mask`, and `:deactivate`.
extension SandboxState {
    static let createSubscriptionProperties: Set<String> = [
        "quantity", "active", "contact_id", "subscription_plan_id", "billing_amount", "auto_charge", "max_charge_attempts",
        "days_between_retries", "start_date", "payment_method_id", "allow_tax", "allow_duplicate", "lead_affiliate_id",
        "sale_affiliate_id", "shipping_address", "promo_code", "shipping_option_id", "reason_stopped", "custom_fields",
    ]

    static let updateSubscriptionProperties: Set<String> = [
        "quantity", "active", "contact_id", "subscription_plan_id", "billing_amount", "auto_charge", "max_charge_attempts",
        "days_between_retries", "billing_frequency", "billing_cycle", "next_bill_date", "end_date", "payment_method_id",
        "allow_tax", "lead_affiliate_id", "sale_affiliate_id", "shipping_address", "promo_code", "shipping_option_id",
        "reason_stopped", "custom_fields",
    ]

    static let subscriptionMask = [
        "contact_id", "subscription_plan_id", "quantity", "billing_amount", "auto_charge", "max_charge_attempts",
        "days_between_retries", "active", "billing_frequency", "billing_cycle", "next_bill_date", "end_date",
        "payment_method_id", "allow_tax", "lead_affiliate_id", "sale_affiliate_id", "promo_code", "shipping_option_id",
        "reason_stopped", "shipping_address", "custom_fields",
    ]

    static let billingCycles = ["YEAR", "MONTH", "WEEK", "DAY"]

    func subscription(_ id: String) throws -> SandboxSubscription {
        guard let subscription = subscriptions[id] else { throw SandboxHTTPError.notFound("subscription \(id) not found") }
        return subscription
    }

    func getSubscription(_ id: String) throws -> SandboxReply {
        SandboxReply(status: 200, json: subscriptionJSON(try subscription(id)))
    }

    func createSubscription(_ request: SandboxRequest) throws -> SandboxReply {
        let body = try SandboxBody.parse(request.body)
        try body.rejectUnknown(allowed: SandboxState.createSubscriptionProperties, strict: configuration.strictUnknownProperties)
        guard let contactID = try body.string("contact_id", required: true) else { throw SandboxHTTPError.badRequest("contact_id is required") }
        guard contacts[contactID] != nil else { throw SandboxHTTPError.badRequest("contact_id \(contactID) does not exist") }
        guard let planID = try body.string("subscription_plan_id", required: true) else {
            throw SandboxHTTPError.badRequest("subscription_plan_id is required")
        }
        guard let plan = subscriptionPlans[planID] else { throw SandboxHTTPError.badRequest("subscription_plan_id \(planID) does not exist") }
        let quantity = try body.integer("quantity") ?? 1
        guard quantity >= 1 else { throw SandboxHTTPError.badRequest("quantity must be 1 or greater") }
        let today = SandboxTimestamp.today()
        let startDate = try notPast(body.date("start_date"), "start_date") ?? today
        let active = try body.bool("active") ?? true
        // allow_duplicate=false (the default) makes Keap check for an identical active subscription of the contact.
        if try body.bool("allow_duplicate") != true,
           let twin = byID(subscriptions, id: \.id).first(where: { $0.active && $0.contactID == contactID && $0.planID == planID }) {
            throw SandboxHTTPError.badRequest("contact \(contactID) already has an identical active subscription \(twin.id) on plan \(planID); set allow_duplicate to create another")
        }
        let customValues = try customFieldValues(body.objects("custom_fields") ?? [], recordType: .subscriptions)
        let billing = try subscriptionAmount(body, "billing_amount")
        let autoCharge = try body.bool("auto_charge") ?? true
        let paymentMethodID = try body.string("payment_method_id")
        let extra = try subscriptionExtra(body, keys: body.object.members.map(\.key), into: JSONObject())
        // Counted only once the request is valid, like every other create.
        if autoCharge { counters.forbiddenUsage.autoCharge += 1 }
        if paymentMethodID != nil { counters.forbiddenUsage.paymentMethodID += 1 }
        if extra["promo_code"] != nil { counters.forbiddenUsage.promoCodes += 1 }
        let now = SandboxTimestamp.now()
        let subscription = SandboxSubscription(
            id: nextID("subscription"), contactID: contactID, productID: plan.productID, planID: plan.id, quantity: quantity,
            active: active, autoCharge: autoCharge, allowTax: try body.bool("allow_tax") ?? false,
            billingAmount: billing?.0 ?? plan.planPrice, billingAmountText: billing?.1, billingCycle: plan.billingCycle,
            billingFrequency: plan.frequency, startDate: startDate, nextBillDate: active ? startDate : nil,
            endDate: active ? nil : today, reasonStopped: try body.string("reason_stopped"), paymentMethodID: paymentMethodID,
            customFields: customValues, extra: extra, createTime: now, modificationTime: now
        )
        subscriptions[subscription.id] = subscription
        return SandboxReply(status: 201, json: subscriptionJSON(subscription))
    }

    func updateSubscription(_ id: String, _ request: SandboxRequest) throws -> SandboxReply {
        var subscription = try subscription(id)
        let mask = try updateMask(request, allowed: SandboxState.subscriptionMask)
        let body = try SandboxBody.parse(request.body)
        try body.rejectUnknown(allowed: SandboxState.updateSubscriptionProperties, strict: configuration.strictUnknownProperties)
        let keys = mask ?? body.object.members.map(\.key).filter { SandboxState.updateSubscriptionProperties.contains($0) }
        for key in keys {
            switch key {
            case "contact_id":
                guard let contactID = try body.string("contact_id", required: true) else { continue }
                guard contacts[contactID] != nil else { throw SandboxHTTPError.badRequest("contact_id \(contactID) does not exist") }
                subscription.contactID = contactID
            case "subscription_plan_id":
                guard let planID = try body.string("subscription_plan_id", required: true) else { continue }
                guard let plan = subscriptionPlans[planID] else { throw SandboxHTTPError.badRequest("subscription_plan_id \(planID) does not exist") }
                subscription.planID = plan.id
                subscription.productID = plan.productID
            case "quantity":
                guard let quantity = try body.integer("quantity", required: true) else { continue }
                guard quantity >= 1 else { throw SandboxHTTPError.badRequest("quantity must be 1 or greater") }
                subscription.quantity = quantity
            case "billing_amount":
                guard let billing = try subscriptionAmount(body, "billing_amount", required: true) else { continue }
                subscription.billingAmount = billing.0
                subscription.billingAmountText = billing.1
            case "auto_charge":
                subscription.autoCharge = try body.bool("auto_charge", required: true) ?? false
                if subscription.autoCharge { counters.forbiddenUsage.autoCharge += 1 }
            case "active":
                subscription.active = try body.bool("active", required: true) ?? subscription.active
            case "billing_frequency":
                guard let frequency = try body.integer("billing_frequency", required: true) else { continue }
                guard frequency >= 1 else { throw SandboxHTTPError.badRequest("billing_frequency must be 1 or greater") }
                subscription.billingFrequency = frequency
            case "billing_cycle":
                guard let cycle = try body.string("billing_cycle", required: true), SandboxState.billingCycles.contains(cycle) else {
                    throw SandboxHTTPError.badRequest("billing_cycle must be one of \(SandboxState.billingCycles.joined(separator: ", "))")
                }
                subscription.billingCycle = cycle
            case "next_bill_date": subscription.nextBillDate = try notPast(body.date("next_bill_date"), "next_bill_date")
            case "end_date": subscription.endDate = try notPast(body.date("end_date"), "end_date")
            case "payment_method_id":
                subscription.paymentMethodID = try body.string("payment_method_id")
                if subscription.paymentMethodID != nil { counters.forbiddenUsage.paymentMethodID += 1 }
            case "allow_tax": subscription.allowTax = try body.bool("allow_tax") ?? false
            case "reason_stopped": subscription.reasonStopped = try body.string("reason_stopped")
            case "custom_fields":
                // Merged by id, as for orders (the OpenAPI text says nothing); null content clears one.
                for value in try customFieldValues(body.objects("custom_fields") ?? [], recordType: .subscriptions) {
                    subscription.customFields.removeAll { $0.id == value.id }
                    if value.content != .null { subscription.customFields.append(value) }
                }
            default:
                subscription.extra = try subscriptionExtra(body, keys: [key], into: subscription.extra, clearAbsent: true)
                if key == "promo_code", subscription.extra["promo_code"] != nil { counters.forbiddenUsage.promoCodes += 1 }
            }
        }
        subscription.modificationTime = SandboxTimestamp.now()
        subscriptions[id] = subscription
        return SandboxReply(status: 200, json: subscriptionJSON(subscription))
    }

    /// `POST /v2/subscriptions/{id}:deactivate` with `CancelSubscriptionRequest {reason}` → 200 without a body. An
    /// inactive subscription is refused *[verify]*: a client that deactivates twice (a retry after a lost answer,
    /// without reading first) shows up as a 400 here.
    func subscriptionAction(_ id: String, action: String, _ request: SandboxRequest) throws -> SandboxReply {
        guard action == "deactivate" else { throw SandboxHTTPError.notFound("no action \(action) on subscriptions") }
        var subscription = try subscription(id)
        let body = try SandboxBody.parse(request.body)
        try body.rejectUnknown(allowed: ["reason"], strict: configuration.strictUnknownProperties)
        let reason = try body.string("reason")
        guard subscription.active else { throw SandboxHTTPError.badRequest("subscription \(id) is not active") }
        subscription.active = false
        subscription.reasonStopped = reason ?? subscription.reasonStopped
        subscription.endDate = SandboxTimestamp.today()
        subscription.nextBillDate = nil
        subscription.modificationTime = SandboxTimestamp.now()
        subscriptions[id] = subscription
        // 200 with no content, as the OpenAPI documents it.
        var reply = SandboxReply.noContent()
        reply.status = 200
        return reply
    }

    func listSubscriptions(_ request: SandboxRequest) throws -> SandboxReply {
        let clauses = try SandboxFilterClause.parseAll(request.queryValue("filter"))
        let orderBy = try SandboxOrderBy(request.queryValue("order_by"), allowed: ["id", "contact_id", "subscription_plan_id", "modification_time"], defaultField: "id")
        // Check every clause once up front, so a bad filter is refused even when there is nothing to match.
        let placeholder = SandboxSubscription(
            id: "0", contactID: "", productID: "", planID: "", quantity: 1, active: true, autoCharge: false, allowTax: false,
            billingAmount: 0, billingAmountText: nil, billingCycle: "MONTH", billingFrequency: 1, startDate: "", nextBillDate: nil,
            endDate: nil, reasonStopped: nil, paymentMethodID: nil, customFields: [], extra: JSONObject(), createTime: "", modificationTime: ""
        )
        for clause in clauses { _ = try subscriptionMatches(placeholder, clause) }
        var matches: [SandboxSubscription] = []
        for subscription in byID(subscriptions, id: \.id) where try clauses.allSatisfy({ try subscriptionMatches(subscription, $0) }) {
            matches.append(subscription)
        }
        switch orderBy.field {
        case "contact_id": matches.sort { (Int($0.contactID) ?? 0) < (Int($1.contactID) ?? 0) }
        case "subscription_plan_id": matches.sort { (Int($0.planID) ?? 0) < (Int($1.planID) ?? 0) }
        case "modification_time": matches.sort { $0.modificationTime < $1.modificationTime }
        default: break
        }
        if orderBy.descending { matches.reverse() }
        return try listReply(key: "subscriptions", items: matches.map { listEntry(subscriptionJSON($0)) }, request: request)
    }

    private func subscriptionMatches(_ subscription: SandboxSubscription, _ clause: SandboxFilterClause) throws -> Bool {
        switch clause.field {
        case "contact_id":
            try clause.require([.equal])
            return subscription.contactID == clause.value
        case "subscription_plan_id":
            try clause.require([.equal])
            return subscription.planID == clause.value
        case "status":
            try clause.require([.equal])
            guard ["active", "inactive"].contains(clause.value.lowercased()) else {
                throw SandboxHTTPError.badRequest("status must be Active or Inactive")
            }
            return subscription.active == (clause.value.lowercased() == "active")
        case "id":
            return clause.numberHolds(subscription.id)
        case "billing_amount":
            let text = configuration.subscriptionAmountUnits == .minor ? String(subscription.billingAmount) : currency.format(subscription.billingAmount)
            return clause.numberHolds(text)
        case "ids":
            try clause.require([.equal])
            return clause.value.split(separator: ",").contains { String($0) == subscription.id }
        case "subscription_plan_ids":
            try clause.require([.equal])
            return clause.value.split(separator: ",").contains { String($0) == subscription.planID }
        default:
            guard let field = try customField(filterName: clause.field, recordType: .subscriptions) else {
                throw SandboxHTTPError.badRequest("unknown filter field \(clause.field)")
            }
            return try customFieldClauseHolds(clause, field: field, values: subscription.customFields)
        }
    }

    /// A date that must not be before today (when the configuration says so, the default).
    private func notPast(_ date: String?, _ key: String) throws -> String? {
        if let date, configuration.refusePastSubscriptionDates, date < SandboxTimestamp.today() {
            throw SandboxHTTPError.badRequest("\(key) \(date) must not be in the past")
        }
        return date
    }

    /// Optional members kept as written in `extra`, checked by type.
    private func subscriptionExtra(_ body: SandboxBody, keys: [String], into object: JSONObject, clearAbsent: Bool = false) throws -> JSONObject {
        var object = object
        for key in keys {
            let value: JSONValue?
            switch key {
            case "max_charge_attempts", "days_between_retries":
                let number = try body.integer(key)
                if let number, number < 1 { throw SandboxHTTPError.badRequest("\(key) must be 1 or greater") }
                value = number.map { .integer($0) }
            case "lead_affiliate_id", "sale_affiliate_id", "shipping_option_id", "promo_code":
                value = try body.string(key).map(JSONValue.string)
            case "shipping_address":
                value = try body.object(key).map { .object($0.object) }
            default:
                continue
            }
            if value != nil || clearAbsent { object = replacing(object, key: key, with: value) }
        }
        return object
    }

    /// `Subscription`.
    func subscriptionJSON(_ subscription: SandboxSubscription) -> JSONValue {
        var object = SandboxObjectBuilder()
        object.set("id", string: subscription.id)
        object.set("quantity", .integer(subscription.quantity))
        object.set("active", bool: subscription.active)
        object.set("contact_id", string: subscription.contactID)
        object.set("product_id", string: subscription.productID)
        object.set("subscription_plan_id", string: subscription.planID)
        object.set("billing_amount", subscriptionAmountJSON(subscription.billingAmount))
        object.set("auto_charge", bool: subscription.autoCharge)
        object.set("billing_frequency", .integer(subscription.billingFrequency))
        object.set("billing_cycle", string: subscription.billingCycle)
        object.set("start_date", string: subscription.startDate)
        object.set("next_bill_date", string: subscription.nextBillDate)
        object.set("end_date", string: subscription.endDate)
        object.set("payment_method_id", string: subscription.paymentMethodID)
        object.set("allow_tax", bool: subscription.allowTax)
        for member in subscription.extra.members { object.set(member.key, member.value) }
        object.set("reason_stopped", string: subscription.reasonStopped)
        object.set("modification_time", string: subscription.modificationTime)
        object.set("custom_fields", customFieldValuesJSON(subscription.customFields))
        return object.value
    }
}

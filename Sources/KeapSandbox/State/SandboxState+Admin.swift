import LedgerCore

/// `/__sandbox/*` (no auth: a test and demo aid on loopback) and the typed snapshot. Nothing here ever reads the
/// configured credentials, so neither can reach the dump.
extension SandboxState {
    func admin(_ request: SandboxRequest) -> SandboxReply {
        let path = request.segments.dropFirst().joined(separator: "/")
        do {
            switch (request.method, path) {
            case ("GET", "state"):
                return SandboxReply(status: 200, json: dump())
            case ("POST", "faults"):
                let plan = try SandboxState.faultPlan(from: SandboxBody.parse(request.body))
                setFaults(plan)
                return SandboxReply(status: 200, json: faultPlanJSON())
            case ("POST", "oauth/authorize"):
                // Stands in for the user approving the app in Keap's browser flow: returns the code Keap would put
                // in the redirect.
                let body = try SandboxBody.parse(request.body)
                try body.rejectUnknown(allowed: ["redirect_uri"], strict: true)
                guard let redirectURI = try body.string("redirect_uri", required: true) else {
                    throw SandboxHTTPError.badRequest("redirect_uri is required")
                }
                return SandboxReply(status: 200, json: .object(["code": .string(authorizationCode(redirectURI: redirectURI))]))
            case ("POST", "oauth/expire"):
                expireAccessTokens()
                return SandboxReply(status: 200, json: .object(["expired": .bool(true)]))
            case ("POST", "reset"):
                reset()
                return SandboxReply(status: 200, json: .object(["reset": .bool(true)]))
            default:
                throw SandboxHTTPError.notFound("no admin route \(request.method) /__sandbox/\(path)")
            }
        } catch let error as SandboxHTTPError {
            return SandboxReply(error: error)
        } catch {
            return SandboxReply(error: SandboxHTTPError(status: 500, message: "internal server error"))
        }
    }

    /// Replaces the fault plan and reseeds the generator, so a plan set mid-run is as reproducible as one configured.
    func setFaults(_ plan: SandboxFaultPlan) {
        faultPlan = plan
        random = SplitMix64(seed: plan.seed)
    }

    /// Forgets all data, counters, the call log and id counters; keeps the configuration and the current fault plan
    /// (reseeded).
    func reset() {
        contacts = [:]
        products = [:]
        orders = [:]
        subscriptionPlans = [:]
        subscriptions = [:]
        customFields = []
        oauth = SandboxOAuth()
        lastID = [:]
        counters = SandboxCounters()
        calls = []
        limiter.reset()
        random = SplitMix64(seed: faultPlan.seed)
    }

    func authorizationCode(redirectURI: String) -> String {
        oauth.newCode(redirectURI: redirectURI)
    }

    func expireAccessTokens() {
        oauth.expireAccessTokens(now: .now)
    }

    func dropTokenAnswers(_ count: Int) {
        oauth.dropAnswers = count
    }

    func snapshot() -> SandboxSnapshot {
        SandboxSnapshot(
            contacts: byID(contacts, id: \.id), products: byID(products, id: \.id), orders: byID(orders, id: \.id),
            subscriptionPlans: byID(subscriptionPlans, id: \.id), subscriptions: byID(subscriptions, id: \.id),
            customFields: customFields, counters: counters, calls: calls, currencyCode: currency.code
        )
    }

    /// `{"seed": 7, "probability": 0.2, "kinds": ["throttle429", "slow:1500"], "methods": ["POST"], "max_faults": 3}`.
    static func faultPlan(from body: SandboxBody) throws -> SandboxFaultPlan {
        try body.rejectUnknown(allowed: ["seed", "probability", "kinds", "methods", "max_faults"], strict: true)
        let seed = try body.integer("seed") ?? 0
        var probability = 0.0
        if let value = body.value("probability") {
            guard case .number(let number) = value, let parsed = Double(number.text), (0...1).contains(parsed) else {
                throw SandboxHTTPError.badRequest("probability must be a number from 0 to 1")
            }
            probability = parsed
        }
        let kinds = try (body.array("kinds") ?? []).map { element in
            guard case .string(let name) = element, let kind = SandboxFaultKind(name: name) else {
                throw SandboxHTTPError.badRequest("kinds: expected throttle429, error500BeforeApply, dropAfterApply or slow:<ms>, not \(JSONWriter.string(element))")
            }
            return kind
        }
        let methods = try body.array("methods").map { elements in
            try Set(elements.map { element in
                guard case .string(let method) = element else { throw SandboxHTTPError.badRequest("methods must be strings") }
                return method.uppercased()
            })
        }
        let maxFaults = try body.integer("max_faults").map(Int.init)
        return SandboxFaultPlan(seed: UInt64(bitPattern: seed), probability: probability, kinds: kinds, methods: methods, maxFaults: maxFaults)
    }

    private func faultPlanJSON() -> JSONValue {
        var object = SandboxObjectBuilder()
        object.set("seed", .number(JSONNumber(text: String(faultPlan.seed))))
        object.set("probability", .number(JSONNumber(text: String(faultPlan.probability))))
        object.set("kinds", .array(faultPlan.kinds.map { .string($0.description) }))
        object.set("methods", faultPlan.methods.map { .array($0.sorted().map(JSONValue.string)) })
        object.set("max_faults", faultPlan.maxFaults.map { .integer($0) })
        object.set("poison_order_titles", .array(configuration.poisonOrderTitles.sorted().map(JSONValue.string)))
        object.set("poison_order_title_prefixes", .array(configuration.poisonOrderTitlePrefixes.map(JSONValue.string)))
        return object.value
    }

    /// `GET /__sandbox/state`: the Keap-shaped records plus sandbox-only views (custom fields by label, the exact
    /// money texts that were sent), counters and the call log. Credentials are deliberately absent.
    func dump() -> JSONValue {
        let snapshot = snapshot()
        var settings = SandboxObjectBuilder()
        settings.set("currency_code", string: currency.code)
        settings.set("strict_unknown_properties", bool: configuration.strictUnknownProperties)
        settings.set("discount_sign", string: configuration.discountSign.rawValue)
        settings.set("charge_items", string: configuration.chargeItems.rawValue)
        settings.set("manual_payment_types", .array(configuration.manualPaymentTypes.map(JSONValue.string)))
        settings.set("custom_field_filters", bool: configuration.customFieldFilters)
        settings.set("payment_list_amount_units", string: configuration.paymentListAmountUnits.rawValue)
        settings.set("subscription_amount_units", string: configuration.subscriptionAmountUnits.rawValue)
        settings.set("refuse_past_subscription_dates", bool: configuration.refusePastSubscriptionDates)
        settings.set("lists_omit_custom_fields", bool: configuration.listsOmitCustomFields)
        settings.set("rate_limit", configuration.rateLimit.map { limit in
            .object(["per_second": .integer(limit.perSecond), "per_minute": .integer(limit.perMinute)])
        } ?? .null)

        var models = SandboxObjectBuilder()
        for recordType in SandboxRecordType.allCases {
            models.set(recordType.rawValue, .array(snapshot.customFields(of: recordType).map(customFieldJSON)))
        }

        let orders: [JSONValue] = snapshot.orders.map { order in
            guard case .object(var object) = orderJSON(order) else { return .null }
            object.members.append(JSONMember("order_title", .string(order.orderTitle)))
            object.members.append(JSONMember("invoice_title", .text(order.invoiceTitle)))
            object.members.append(JSONMember("custom_fields_labeled", labeled(order.customFields)))
            object.members.append(JSONMember("custom_fields_by_label", byLabel(order.customFields)))
            object.members.append(JSONMember("price_texts", .array(order.items.map { .text($0.pricePerUnitText) })))
            object.members.append(JSONMember("promo_codes", .array(order.promoCodes.map(JSONValue.string))))
            object.members.append(JSONMember("payments", .array(order.payments.map { payment in
                var entry = SandboxObjectBuilder()
                entry.set("id", string: payment.id)
                entry.set("amount", money.currencyValue(payment.amount))
                entry.set("amount_text", string: payment.amountText)
                entry.set("payment_method_type", string: payment.methodType)
                entry.set("notes", string: payment.notes)
                entry.set("payment_time", string: payment.paymentTime)
                entry.set("apply_to_commissions", bool: payment.applyToCommissions)
                entry.set("external_source", string: payment.externalSource)
                entry.set("external_source_value", string: payment.externalSourceValue)
                return entry.value
            })))
            return .object(object)
        }
        let contacts: [JSONValue] = snapshot.contacts.map { contact in
            guard case .object(var object) = contactJSON(contact) else { return .null }
            object.members.append(JSONMember("custom_fields_labeled", labeled(contact.customFields)))
            object.members.append(JSONMember("custom_fields_by_label", byLabel(contact.customFields)))
            return .object(object)
        }

        let plans: [JSONValue] = snapshot.subscriptionPlans.map { plan in
            guard case .object(var object) = planJSON(plan) else { return .null }
            object.members.append(JSONMember("product_id", .string(plan.productID)))
            object.members.append(JSONMember("plan_price_text", .string(plan.planPriceText)))
            return .object(object)
        }
        let subscriptions: [JSONValue] = snapshot.subscriptions.map { subscription in
            guard case .object(var object) = subscriptionJSON(subscription) else { return .null }
            object.members.append(JSONMember("billing_amount_text", .text(subscription.billingAmountText)))
            object.members.append(JSONMember("custom_fields_labeled", labeled(subscription.customFields)))
            object.members.append(JSONMember("custom_fields_by_label", byLabel(subscription.customFields)))
            return .object(object)
        }

        var counters = SandboxObjectBuilder()
        counters.set("requests", countsJSON(snapshot.counters.requestsByMethod))
        counters.set("requests_total", .integer(snapshot.counters.totalRequests))
        counters.set("faults", countsJSON(snapshot.counters.faultsByKind))
        counters.set("faults_total", .integer(snapshot.counters.totalFaults))
        counters.set("rate_limited", .integer(snapshot.counters.rateLimited))
        counters.set("unauthorized", .integer(snapshot.counters.unauthorized))
        counters.set("forbidden_usage", .object([
            "promo_codes": .integer(snapshot.counters.forbiddenUsage.promoCodes),
            "apply_tax": .integer(snapshot.counters.forbiddenUsage.applyTax),
            "payment_method_id": .integer(snapshot.counters.forbiddenUsage.paymentMethodID),
            "auto_charge": .integer(snapshot.counters.forbiddenUsage.autoCharge),
        ]))

        var dump = SandboxObjectBuilder()
        dump.set("settings", settings.value)
        dump.set("faults", faultPlanJSON())
        dump.set("custom_field_models", models.value)
        dump.set("contacts", .array(contacts))
        dump.set("products", .array(snapshot.products.map(productJSON)))
        dump.set("orders", .array(orders))
        dump.set("subscription_plans", .array(plans))
        dump.set("subscriptions", .array(subscriptions))
        dump.set("counters", counters.value)
        dump.set("calls", .array(snapshot.calls.map { call in
            .object([
                "method": .string(call.method), "path": .string(call.path),
                "status": call.status.map { .integer($0) } ?? .null, "fault": .text(call.fault),
            ])
        }))
        return dump.value
    }

    /// `[{id, label, content}]`: both names of each value.
    private func labeled(_ values: [SandboxCustomFieldValue]) -> JSONValue {
        .array(values.map { .object(["id": .string($0.id), "label": .string($0.label), "content": $0.content]) })
    }

    /// `{label: content}`; a repeated label keeps its first value (labels are not unique in Keap).
    private func byLabel(_ values: [SandboxCustomFieldValue]) -> JSONValue {
        var object = JSONObject()
        for value in values where object[value.label] == nil {
            object.members.append(JSONMember(value.label, value.content))
        }
        return .object(object)
    }

    private func countsJSON(_ counts: [String: Int]) -> JSONValue {
        .object(JSONObject(members: counts.keys.sorted().map { JSONMember($0, .integer(counts[$0] ?? 0)) }))
    }
}

import LedgerCore

/// Orders: create (all items in one call), get, list with Keap's filter grammar, PATCH with `update_mask`, DELETE
/// (refused once a payment exists), and `:applyTax` (implemented, but counted as forbidden usage).
extension SandboxState {
    static let createOrderProperties: Set<String> = [
        "notes", "terms", "title", "contact_id", "order_items", "order_title", "order_time", "order_type", "promo_codes",
        "lead_affiliate_id", "sales_affiliate_id", "shipping_address", "custom_fields", "sent_time", "due_time",
        "invoice_number", "external_create_user", "external_create_time", "external_update_time",
    ]

    static let updateOrderProperties: Set<String> = [
        "notes", "terms", "title", "contact_id", "order_title", "order_time", "order_type", "promo_codes",
        "lead_affiliate_id", "sales_affiliate_id", "shipping_address", "payment_plan", "custom_fields", "sent_time",
        "due_time", "invoice_number", "external_create_user", "external_create_time", "external_update_time",
    ]

    static let orderMask = [
        "contact_id", "order_items", "order_title", "order_time", "order_type", "promo_codes", "lead_affiliate_id",
        "sales_affiliate_id", "shipping_address", "notes", "terms", "payment_plan", "custom_fields", "sent_time", "title",
        "due_time", "invoice_number", "external_create_user", "external_create_time", "external_update_time",
    ]

    static let addressInformationProperties: Set<String> = [
        "line1", "line2", "locality", "region", "company", "phone", "zip_code", "zip_four", "country_code", "first_name",
        "middle_name", "last_name", "is_invoice_to_company",
    ]

    /// Optional members kept as written in `SandboxOrder.extra`; the time-valued ones must be date-times.
    private static let extraTextMembers = ["lead_affiliate_id", "sales_affiliate_id", "invoice_number", "external_create_user"]
    private static let extraTimeMembers = ["sent_time", "due_time", "external_create_time", "external_update_time"]

    func order(_ id: String) throws -> SandboxOrder {
        guard let order = orders[id] else { throw SandboxHTTPError.notFound("order \(id) not found") }
        return order
    }

    func getOrder(_ id: String) throws -> SandboxReply {
        SandboxReply(status: 200, json: orderJSON(try order(id)))
    }

    func createOrder(_ request: SandboxRequest) throws -> SandboxReply {
        let body = try SandboxBody.parse(request.body)
        // A poison order fails the same way every time, before anything is validated or stored.
        if case .string(let title)? = body.object["order_title"], configuration.isPoison(orderTitle: title) {
            handlerFault = "poisonOrder"
            counters.faultsByKind["poisonOrder", default: 0] += 1
            throw SandboxHTTPError(status: 500, message: "internal server error")
        }
        try body.rejectUnknown(allowed: SandboxState.createOrderProperties, strict: configuration.strictUnknownProperties)
        guard let contactID = try body.string("contact_id", required: true) else { throw SandboxHTTPError.badRequest("contact_id is required") }
        guard contacts[contactID] != nil else { throw SandboxHTTPError.badRequest("contact_id \(contactID) does not exist") }
        guard let orderTitle = try body.nonBlankString("order_title", required: true),
              let orderTime = try body.timestamp("order_time", required: true),
              let orderType = try orderType(body, required: true)
        else { throw SandboxHTTPError.badRequest("order_title, order_time and order_type are required") }
        let now = SandboxTimestamp.now()
        var order = SandboxOrder(
            id: "", contactID: contactID, orderTitle: orderTitle, invoiceTitle: try body.string("title"),
            orderTime: orderTime, orderType: orderType, notes: try body.string("notes"), terms: try body.string("terms"),
            items: [], payments: [], customFields: [], shippingAddress: try shippingAddress(body),
            promoCodes: try promoCodes(body), extra: try orderExtra(body, keys: body.object.members.map(\.key), into: JSONObject()),
            creationTime: now, modificationTime: now, total: 0
        )
        order.customFields = try customFieldValues(body.objects("custom_fields") ?? [], recordType: .orders)
        let drafts = try (body.objects("order_items") ?? []).map { try newItem($0) }
        order.total = try total(of: drafts)
        // Ids are handed out only once everything validated, so a refused request burns none.
        let id = nextID("order")
        order = SandboxOrder(
            id: id, contactID: order.contactID, orderTitle: order.orderTitle, invoiceTitle: order.invoiceTitle,
            orderTime: order.orderTime, orderType: order.orderType, notes: order.notes, terms: order.terms,
            items: drafts.map { withID($0, nextID("order_item")) }, payments: [], customFields: order.customFields,
            shippingAddress: order.shippingAddress, promoCodes: order.promoCodes, extra: order.extra,
            creationTime: now, modificationTime: now, total: order.total
        )
        if !order.promoCodes.isEmpty { counters.forbiddenUsage.promoCodes += 1 }
        orders[id] = order
        return SandboxReply(status: 201, json: orderJSON(order))
    }

    func updateOrder(_ id: String, _ request: SandboxRequest) throws -> SandboxReply {
        var order = try order(id)
        let mask = try updateMask(request, allowed: SandboxState.orderMask)
        let body = try SandboxBody.parse(request.body)
        if body.has("order_items") || mask?.contains("order_items") == true {
            throw SandboxHTTPError.badRequest("order_items cannot be updated on the order; use /v2/orders/{order_id}/items")
        }
        try body.rejectUnknown(allowed: SandboxState.updateOrderProperties, strict: configuration.strictUnknownProperties)
        let keys = mask ?? body.object.members.map(\.key).filter { SandboxState.updateOrderProperties.contains($0) }
        for key in keys {
            switch key {
            case "contact_id":
                guard let contactID = try body.string("contact_id", required: true) else { continue }
                guard contacts[contactID] != nil else { throw SandboxHTTPError.badRequest("contact_id \(contactID) does not exist") }
                order.contactID = contactID
            case "order_title":
                guard let title = try body.nonBlankString("order_title", required: true) else { continue }
                order.orderTitle = title
            case "order_time":
                guard let time = try body.timestamp("order_time", required: true) else { continue }
                order.orderTime = time
            case "order_type":
                guard let type = try orderType(body, required: true) else { continue }
                order.orderType = type
            case "notes": order.notes = try body.string("notes")
            case "terms": order.terms = try body.string("terms")
            case "title": order.invoiceTitle = try body.string("title")
            case "promo_codes":
                order.promoCodes = try promoCodes(body)
                if !order.promoCodes.isEmpty { counters.forbiddenUsage.promoCodes += 1 }
            case "shipping_address": order.shippingAddress = try shippingAddress(body)
            case "custom_fields":
                // Merge by id (the OpenAPI text says nothing for orders; contacts replace): null content clears one.
                for value in try customFieldValues(body.objects("custom_fields") ?? [], recordType: .orders) {
                    order.customFields.removeAll { $0.id == value.id }
                    if value.content != .null { order.customFields.append(value) }
                }
            case "payment_plan":
                if let plan = try body.object("payment_plan") { order.extra = replacing(order.extra, key: key, with: .object(plan.object)) }
                else { order.extra = replacing(order.extra, key: key, with: nil) }
            default:
                order.extra = try orderExtra(body, keys: [key], into: order.extra, clearAbsent: true)
            }
        }
        order.modificationTime = SandboxTimestamp.now()
        orders[id] = order
        return SandboxReply(status: 200, json: orderJSON(order))
    }

    func deleteOrder(_ id: String) throws -> SandboxReply {
        let order = try order(id)
        guard order.payments.isEmpty else {
            throw SandboxHTTPError.badRequest("order \(id) has transactions recorded and cannot be deleted")
        }
        orders[id] = nil
        return .noContent()
    }

    /// `POST /v2/orders/{id}:applyTax` recomputes taxes in Keap; here it changes nothing but is counted, because the
    /// sync must never call it.
    func orderAction(_ id: String, action: String) throws -> SandboxReply {
        guard action == "applyTax" else { throw SandboxHTTPError.notFound("no action \(action) on orders") }
        let order = try order(id)
        counters.forbiddenUsage.applyTax += 1
        return SandboxReply(status: 200, json: orderJSON(order))
    }

    func listOrders(_ request: SandboxRequest) throws -> SandboxReply {
        let clauses = try SandboxFilterClause.parseAll(request.queryValue("filter"))
        let orderBy = try SandboxOrderBy(request.queryValue("order_by"), allowed: ["id", "order_time", "modification_time"], defaultField: "id")
        // Check every clause once up front, so a bad filter is refused even when there is nothing to match.
        let placeholder = SandboxOrder(
            id: "0", contactID: "", orderTitle: "", invoiceTitle: nil, orderTime: "", orderType: "ONLINE", notes: nil,
            terms: nil, items: [], payments: [], customFields: [], shippingAddress: nil, promoCodes: [], extra: JSONObject(),
            creationTime: "", modificationTime: "", total: 0
        )
        for clause in clauses { _ = try orderMatches(placeholder, clause) }
        var matches: [SandboxOrder] = []
        for order in byID(orders, id: \.id) where try clauses.allSatisfy({ try orderMatches(order, $0) }) {
            matches.append(order)
        }
        switch orderBy.field {
        case "order_time": matches.sort { $0.orderTime < $1.orderTime }
        case "modification_time": matches.sort { $0.modificationTime < $1.modificationTime }
        default: break
        }
        if orderBy.descending { matches.reverse() }
        return try listReply(key: "orders", items: matches.map { listEntry(orderJSON($0)) }, request: request)
    }

    private func orderMatches(_ order: SandboxOrder, _ clause: SandboxFilterClause) throws -> Bool {
        func address(_ key: String) -> String? {
            if case .string(let text)? = order.shippingAddress?[key] { return text }
            return nil
        }
        switch clause.field {
        case "id":
            return clause.numberHolds(order.id)
        case "ids":
            try clause.require([.equal])
            return clause.value.split(separator: ",").contains { String($0) == order.id }
        case "product_id":
            try clause.require([.equal])
            return order.items.contains { $0.productID == clause.value }
        case "contact_id":
            try clause.require([.equal])
            return order.contactID == clause.value
        case "invoice_id":
            try clause.require([.equal])
            return order.id == clause.value
        case "invoice_xid":
            try clause.require([.equal])
            return false  // the sandbox has no invoice xids
        case "paid":
            try clause.require([.equal])
            guard clause.value == "true" || clause.value == "false" else {
                throw SandboxHTTPError.badRequest("paid must be true or false")
            }
            return isPaid(order) == (clause.value == "true")
        case "created_since_time", "created_until_time", "modified_since_time", "modified_until_time":
            try clause.require([.equal])
            guard SandboxTimestamp.isValid(clause.value) else {
                throw SandboxHTTPError.badRequest("\(clause.field) must be an ISO-8601 date-time")
            }
            let time = clause.field.hasPrefix("created") ? order.creationTime : order.modificationTime
            return clause.field.hasSuffix("since_time") ? time >= clause.value : time <= clause.value
        case "title":
            try clause.require([.equal])
            return clause.textMatches(order.orderTitle)
        case "order_type":
            try clause.require([.equal])
            guard clause.value == "ONLINE" || clause.value == "OFFLINE" else {
                throw SandboxHTTPError.badRequest("order_type must be ONLINE or OFFLINE")
            }
            return order.orderType == clause.value
        case "shipping_locality":
            try clause.require([.equal])
            return clause.textMatches(address("locality"))
        case "shipping_region_code":
            try clause.require([.equal])
            return clause.textMatches(address("region"))
        case "shipping_postal_code":
            try clause.require([.equal])
            return clause.textMatches(address("zip_code"))
        case "shipping_country_code":
            try clause.require([.equal])
            return clause.textMatches(address("country_code"))
        default:
            guard let field = try customField(filterName: clause.field, recordType: .orders) else {
                throw SandboxHTTPError.badRequest("unknown filter field \(clause.field)")
            }
            return try customFieldClauseHolds(clause, field: field, values: order.customFields)
        }
    }

    func isPaid(_ order: SandboxOrder) -> Bool { order.total > 0 && order.balance <= 0 }

    private func orderType(_ body: SandboxBody, required: Bool) throws -> String? {
        guard let type = try body.string("order_type", required: required) else { return nil }
        guard type == "ONLINE" || type == "OFFLINE" else {
            throw SandboxHTTPError.badRequest("order_type must be ONLINE or OFFLINE, not \(type)")
        }
        return type
    }

    private func promoCodes(_ body: SandboxBody) throws -> [String] {
        try (body.array("promo_codes") ?? []).map { element in
            guard case .string(let code) = element else { throw SandboxHTTPError.badRequest("promo_codes must be strings") }
            return code
        }
    }

    private func shippingAddress(_ body: SandboxBody) throws -> JSONObject? {
        guard let address = try body.object("shipping_address") else { return nil }
        try address.rejectUnknown(allowed: SandboxState.addressInformationProperties, strict: configuration.strictUnknownProperties)
        for key in SandboxState.addressInformationProperties where key != "is_invoice_to_company" { _ = try address.string(key) }
        _ = try address.bool("is_invoice_to_company")
        return address.object
    }

    /// Copies the optional scalar members named in `keys` into `extra` (validated); with `clearAbsent`, a named member
    /// missing from the body is removed (a masked field with no value).
    private func orderExtra(_ body: SandboxBody, keys: [String], into extra: JSONObject, clearAbsent: Bool = false) throws -> JSONObject {
        var extra = extra
        for key in keys {
            let text: String?
            if SandboxState.extraTextMembers.contains(key) {
                text = try body.string(key)
            } else if SandboxState.extraTimeMembers.contains(key) {
                text = try body.timestamp(key)
            } else {
                continue
            }
            if let text { extra = replacing(extra, key: key, with: .string(text)) }
            else if clearAbsent { extra = replacing(extra, key: key, with: nil) }
        }
        return extra
    }

    /// `OrderV2`. `title` shows `order_title`; `total_due` is the balance.
    func orderJSON(_ order: SandboxOrder) -> JSONValue {
        var object = SandboxObjectBuilder()
        object.set("id", string: order.id)
        object.set("title", string: order.orderTitle)
        object.set("status", string: isPaid(order) ? "PAID" : "DRAFT")
        object.set("total", money.currencyValue(order.total))
        if let contact = contacts[order.contactID] {
            var basic = SandboxObjectBuilder()
            basic.set("id", string: contact.id)
            basic.set("email", string: contact.emails.first)
            basic.set("given_name", string: contact.givenName)
            basic.set("family_name", string: contact.familyName)
            object.set("contact", basic.value)
        } else {
            object.set("contact", .object(["id": .string(order.contactID)]))
        }
        object.set("notes", string: order.notes)
        object.set("terms", string: order.terms)
        object.set("order_type", string: order.orderType)
        object.set("source_type", string: "API")
        object.set("creation_time", string: order.creationTime)
        object.set("modification_time", string: order.modificationTime)
        object.set("order_time", string: order.orderTime)
        object.set("lead_affiliate_id", order.extra["lead_affiliate_id"])
        object.set("sales_affiliate_id", order.extra["sales_affiliate_id"])
        object.set("total_paid", money.currencyValue(order.totalPaid))
        object.set("total_due", money.currencyValue(order.balance))
        if let address = order.shippingAddress { object.set("shipping_information", shippingInformation(order.id, address)) }
        object.set("refund_total", money.currencyValue(0))
        object.set("allow_payment", bool: true)
        object.set("allow_paypal", bool: false)
        object.set("order_items", .array(order.items.map(orderItemJSON)))
        object.set("payment_plan", order.extra["payment_plan"])
        object.set("invoice_number", order.extra["invoice_number"])
        object.set("promo_code", string: order.promoCodes.isEmpty ? nil : order.promoCodes.joined(separator: ","))
        object.set("invoice_id", string: order.id)
        object.set("custom_fields", customFieldValuesJSON(order.customFields))
        for key in SandboxState.extraTimeMembers { object.set(key, order.extra[key]) }
        object.set("external_create_user", order.extra["external_create_user"])
        return object.value
    }

    /// `ShippingInformation` from the `AddressInformation` that was sent.
    private func shippingInformation(_ id: String, _ address: JSONObject) -> JSONValue {
        var inner = SandboxObjectBuilder()
        inner.set("field", string: "SHIPPING")
        for key in ["line1", "line2", "locality", "region", "zip_code", "zip_four", "country_code"] { inner.set(key, address[key]) }
        var object = SandboxObjectBuilder()
        object.set("id", string: id)
        object.set("address", inner.value)
        object.set("company", address["company"])
        object.set("given_name", address["first_name"])
        object.set("family_name", address["last_name"])
        object.set("phone_number", address["phone"])
        object.set("invoice_to_company", address["is_invoice_to_company"])
        return object.value
    }
}

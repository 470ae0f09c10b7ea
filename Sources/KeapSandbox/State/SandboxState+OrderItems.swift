import LedgerCore

/// Order items: the create rules shared by `POST /v2/orders` and `POST …/items`, PATCH (never `item_type`), DELETE.
extension SandboxState {
    static let createItemProperties: Set<String> = [
        "name", "description", "quantity", "notes", "product_id", "subscription_plan_id", "subscription_plan_description",
        "item_type", "price_per_unit", "cost_per_unit",
    ]

    static let createItemTypes: Set<String> = [
        "PRODUCT", "SHIPPING", "TAX", "FINANCE_CHARGE", "SUBSCRIPTION", "DISCOUNT", "DISCOUNT_FREE_TRIAL",
        "DISCOUNT_ORDER_TOTAL", "DISCOUNT_PRODUCT", "DISCOUNT_PRODUCT_CATEGORY", "DISCOUNT_SHIPPING", "OTHER", "FEE",
    ]

    static let itemMask = [
        "name", "description", "notes", "quantity", "price_per_unit", "cost_per_unit", "product_id",
        "subscription_plan_id", "subscription_plan_description",
    ]

    /// Validates one `CreateOrderItemRequest`; the id is left empty for the caller to assign after all checks pass.
    func newItem(_ body: SandboxBody) throws -> SandboxOrderItem {
        try body.rejectUnknown(allowed: SandboxState.createItemProperties, strict: configuration.strictUnknownProperties)
        let itemType = try body.string("item_type") ?? "PRODUCT"
        guard SandboxState.createItemTypes.contains(itemType) else {
            throw SandboxHTTPError.badRequest("\(body.location).item_type \(itemType) is not one of \(SandboxState.createItemTypes.sorted().joined(separator: ", "))")
        }
        if configuration.chargeItems == .productOnly, itemType != "PRODUCT" {
            throw SandboxHTTPError.badRequest("\(body.location).item_type \(itemType) is not supported: for now only [PRODUCT] is supported")
        }
        var item = SandboxOrderItem(
            id: "", itemType: itemType, productID: nil, name: try body.nonBlankString("name"),
            description: try body.nonBlankString("description"), notes: try body.nonBlankString("notes"),
            quantity: try quantity(body, required: true) ?? 1, pricePerUnit: 0, pricePerUnitText: nil,
            costPerUnit: try cost(body), subscriptionPlanID: nil,
            subscriptionPlanDescription: try body.nonBlankString("subscription_plan_description")
        )
        let productID = try body.string("product_id")
        if itemType == "PRODUCT" || itemType == "SUBSCRIPTION" {
            guard let productID else { throw SandboxHTTPError.badRequest("\(body.location).product_id is required for \(itemType) items") }
            guard let product = products[productID] else {
                throw SandboxHTTPError.badRequest("\(body.location).product_id \(productID) is not a product")
            }
            item.productID = productID
            item.pricePerUnit = product.price
            if item.name == nil { item.name = product.name }
        } else {
            if productID != nil { throw SandboxHTTPError.badRequest("\(body.location).product_id is only allowed on PRODUCT and SUBSCRIPTION items") }
            if item.name == nil { throw SandboxHTTPError.badRequest("\(body.location).name is required for \(itemType) items") }
        }
        if itemType == "SUBSCRIPTION" {
            // The sandbox has no subscription plans, so no plan id can be valid.
            let plan = try body.string("subscription_plan_id")
            throw SandboxHTTPError.badRequest("\(body.location).subscription_plan_id \(plan ?? "(missing)") is not a subscription plan")
        }
        if try body.string("subscription_plan_id") != nil {
            throw SandboxHTTPError.badRequest("\(body.location).subscription_plan_id is only allowed on SUBSCRIPTION items")
        }
        if let price = try price(body, itemType: itemType) {
            item.pricePerUnit = price.minor
            item.pricePerUnitText = price.text
        } else if item.productID == nil {
            throw SandboxHTTPError.badRequest("\(body.location).price_per_unit is required for \(itemType) items")
        }
        return item
    }

    func withID(_ item: SandboxOrderItem, _ id: String) -> SandboxOrderItem {
        SandboxOrderItem(
            id: id, itemType: item.itemType, productID: item.productID, name: item.name, description: item.description,
            notes: item.notes, quantity: item.quantity, pricePerUnit: item.pricePerUnit, pricePerUnitText: item.pricePerUnitText,
            costPerUnit: item.costPerUnit, subscriptionPlanID: item.subscriptionPlanID,
            subscriptionPlanDescription: item.subscriptionPlanDescription
        )
    }

    func createOrderItem(orderID: String, _ request: SandboxRequest) throws -> SandboxReply {
        var order = try order(orderID)
        let body = try SandboxBody.parse(request.body)
        let draft = try newItem(body)
        let newTotal = try total(of: order.items + [draft])
        let item = withID(draft, nextID("order_item"))
        order.items.append(item)
        order.total = newTotal
        order.modificationTime = SandboxTimestamp.now()
        orders[orderID] = order
        return SandboxReply(status: 201, json: orderItemJSON(item))
    }

    func getOrderItem(orderID: String, itemID: String) throws -> SandboxReply {
        let order = try order(orderID)
        guard let item = order.items.first(where: { $0.id == itemID }) else {
            throw SandboxHTTPError.notFound("order item \(itemID) not found on order \(orderID)")
        }
        return SandboxReply(status: 200, json: orderItemJSON(item))
    }

    func updateOrderItem(orderID: String, itemID: String, _ request: SandboxRequest) throws -> SandboxReply {
        var order = try order(orderID)
        guard let index = order.items.firstIndex(where: { $0.id == itemID }) else {
            throw SandboxHTTPError.notFound("order item \(itemID) not found on order \(orderID)")
        }
        let mask = try updateMask(request, allowed: SandboxState.itemMask, notPatchable: ["item_type"])
        let body = try SandboxBody.parse(request.body)
        if body.has("item_type") { throw SandboxHTTPError.badRequest("item_type is not patchable") }
        try body.rejectUnknown(allowed: Set(SandboxState.itemMask), strict: configuration.strictUnknownProperties)
        var item = order.items[index]
        let isProduct = item.itemType == "PRODUCT" || item.itemType == "SUBSCRIPTION"
        for key in mask ?? body.object.members.map(\.key) {
            switch key {
            case "name":
                item.name = try body.nonBlankString("name", required: !isProduct)
            case "description": item.description = try body.nonBlankString("description")
            case "notes": item.notes = try body.nonBlankString("notes")
            case "subscription_plan_description": item.subscriptionPlanDescription = try body.nonBlankString(key)
            case "quantity": item.quantity = try quantity(body, required: true) ?? item.quantity
            case "price_per_unit":
                guard let price = try price(body, itemType: item.itemType) else {
                    throw SandboxHTTPError.badRequest("price_per_unit is required")
                }
                item.pricePerUnit = price.minor
                item.pricePerUnitText = price.text
            case "cost_per_unit": item.costPerUnit = try cost(body)
            case "product_id":
                guard isProduct else { throw SandboxHTTPError.badRequest("product_id is not allowed on a \(item.itemType) item") }
                guard let productID = try body.string("product_id", required: true) else { continue }
                guard products[productID] != nil else { throw SandboxHTTPError.badRequest("product_id \(productID) is not a product") }
                item.productID = productID
            case "subscription_plan_id":
                throw SandboxHTTPError.badRequest("subscription_plan_id \(try body.string(key) ?? "(missing)") is not a subscription plan")
            default:
                continue
            }
        }
        order.items[index] = item
        order.total = try total(of: order.items)
        order.modificationTime = SandboxTimestamp.now()
        orders[orderID] = order
        return SandboxReply(status: 200, json: orderItemJSON(item))
    }

    func deleteOrderItem(orderID: String, itemID: String) throws -> SandboxReply {
        var order = try order(orderID)
        guard let index = order.items.firstIndex(where: { $0.id == itemID }) else {
            throw SandboxHTTPError.notFound("order item \(itemID) not found on order \(orderID)")
        }
        order.items.remove(at: index)
        order.total = try total(of: order.items)
        order.modificationTime = SandboxTimestamp.now()
        orders[orderID] = order
        return .noContent()
    }

    private func quantity(_ body: SandboxBody, required: Bool) throws -> Int64? {
        guard let quantity = try body.integer("quantity", required: required) else { return nil }
        guard quantity >= 1, quantity <= Int64(Int32.max) else {
            throw SandboxHTTPError.badRequest("\(body.location.isEmpty ? "" : body.location + ".")quantity must be at least 1, not \(quantity)")
        }
        return quantity
    }

    /// `price_per_unit` in minor units with the text as written. Negative prices only for DISCOUNT items in
    /// `.negative` mode (in `.positive` mode a DISCOUNT is written positive and subtracted), and for PRODUCT items
    /// on a product-only tenant (its only way to write a discount).
    private func price(_ body: SandboxBody, itemType: String) throws -> (minor: Int64, text: String)? {
        guard let minor = try body.money("price_per_unit", currency: currency) else { return nil }
        let negativeAllowed = (itemType.hasPrefix("DISCOUNT") && configuration.discountSign == .negative)
            || (itemType == "PRODUCT" && configuration.chargeItems == .productOnly)
        if minor < 0, !negativeAllowed {
            throw SandboxHTTPError.badRequest("price_per_unit must not be negative for \(itemType) items (discount sign: \(configuration.discountSign.rawValue))")
        }
        guard case .number(let number)? = body.value("price_per_unit") else { return (minor, String(minor)) }
        return (minor, number.text)
    }

    private func cost(_ body: SandboxBody) throws -> Int64? {
        guard let cost = try body.money("cost_per_unit", currency: currency) else { return nil }
        guard cost >= 0 else { throw SandboxHTTPError.badRequest("cost_per_unit must not be negative") }
        return cost
    }

    /// `OrderItem`.
    func orderItemJSON(_ item: SandboxOrderItem) -> JSONValue {
        var object = SandboxObjectBuilder()
        object.set("id", string: item.id)
        object.set("name", string: item.name)
        object.set("description", string: item.description)
        object.set("notes", string: item.notes)
        object.set("quantity", .integer(item.quantity))
        object.set("discount", money.currencyValue(0))
        if let productID = item.productID {
            var product = SandboxObjectBuilder()
            product.set("id", string: productID)
            if let stored = products[productID] {
                product.set("name", string: stored.name)
                product.set("sku", string: stored.sku)
                product.set("description", string: stored.description)
                product.set("shippable", bool: stored.shippable)
                product.set("taxable", bool: stored.taxable)
            }
            object.set("product", product.value)
        }
        object.set("item_type", string: item.itemType)
        object.set("cost_per_unit", item.costPerUnit.map(money.currencyValue))
        object.set("price_per_unit", money.currencyValue(item.pricePerUnit))
        return object.value
    }
}

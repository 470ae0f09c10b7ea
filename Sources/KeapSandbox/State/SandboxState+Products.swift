import LedgerCore

/// Products: list by SKU/name (wildcard, case-insensitive), create, get, PATCH with `update_mask`.
extension SandboxState {
    static let productCreateProperties: Set<String> = [
        "name", "sku", "price", "active", "description", "shippable", "weight", "taxable", "inventory",
        "short_description", "subscription_only", "storefront_hidden", "country_taxable", "state_taxable", "city_taxable",
        "top_html", "bottom_html", "is_package", "needs_digital_delivery", "delivery_description",
    ]

    static let productMask = [
        "active", "name", "description", "price", "sku", "shippable", "short_description", "subscription_only",
        "storefront_hidden", "weight", "taxable", "country_taxable", "city_taxable", "state_taxable", "inventory_limit",
        "out_of_stock_enabled", "email_for_inventory_notifications", "top_html", "bottom_html", "is_package",
        "needs_digital_delivery", "delivery_description",
    ]

    /// Members with typed storage; the rest go to `extra` as written.
    private static let typedProductMembers: Set<String> = [
        "name", "sku", "price", "active", "description", "shippable", "taxable", "short_description", "subscription_only",
    ]

    func product(_ id: String) throws -> SandboxProduct {
        guard let product = products[id] else { throw SandboxHTTPError.notFound("product \(id) not found") }
        return product
    }

    func getProduct(_ id: String) throws -> SandboxReply {
        SandboxReply(status: 200, json: productJSON(try product(id)))
    }

    func createProduct(_ request: SandboxRequest) throws -> SandboxReply {
        let body = try SandboxBody.parse(request.body)
        try body.rejectUnknown(allowed: SandboxState.productCreateProperties, strict: configuration.strictUnknownProperties)
        guard let name = try body.nonBlankString("name", required: true),
              let price = try productPrice(body, required: true),
              let shortDescription = try body.string("short_description", required: true)
        else { throw SandboxHTTPError.badRequest("name, price and short_description are required") }
        let now = SandboxTimestamp.now()
        var product = SandboxProduct(
            id: "", name: name, sku: nil, price: price, shortDescription: shortDescription, description: nil,
            active: true, shippable: false, taxable: false, subscriptionOnly: false, extra: JSONObject(),
            createTime: now, updateTime: now
        )
        try apply(body, keys: body.object.members.map(\.key), to: &product)
        product = SandboxProduct(
            id: nextID("product"), name: product.name, sku: product.sku, price: product.price,
            shortDescription: product.shortDescription, description: product.description, active: product.active,
            shippable: product.shippable, taxable: product.taxable, subscriptionOnly: product.subscriptionOnly,
            extra: product.extra, createTime: now, updateTime: now
        )
        products[product.id] = product
        return SandboxReply(status: 201, json: productJSON(product))
    }

    func updateProduct(_ id: String, _ request: SandboxRequest) throws -> SandboxReply {
        var existing = try product(id)
        let mask = try updateMask(request, allowed: SandboxState.productMask)
        let body = try SandboxBody.parse(request.body)
        var allowed = SandboxState.productCreateProperties.union(SandboxState.productMask)
        allowed.remove("inventory")
        try body.rejectUnknown(allowed: allowed, strict: configuration.strictUnknownProperties)
        try apply(body, keys: mask ?? body.object.members.map(\.key), to: &existing)
        existing.updateTime = SandboxTimestamp.now()
        products[id] = existing
        return SandboxReply(status: 200, json: productJSON(existing))
    }

    func listProducts(_ request: SandboxRequest) throws -> SandboxReply {
        let clauses = try SandboxFilterClause.parseAll(request.queryValue("filter"))
        let orderBy = try SandboxOrderBy(request.queryValue("order_by"), allowed: ["name", "sku", "last_updated_time"], defaultField: "id")
        // Check every clause once up front, so a bad filter is refused even when there is nothing to match.
        let placeholder = SandboxProduct(
            id: "0", name: "", sku: nil, price: 0, shortDescription: "", description: nil, active: true, shippable: false,
            taxable: false, subscriptionOnly: false, extra: JSONObject(), createTime: "", updateTime: ""
        )
        for clause in clauses { _ = try productMatches(placeholder, clause) }
        var matches: [SandboxProduct] = []
        for product in byID(products, id: \.id) where try clauses.allSatisfy({ try productMatches(product, $0) }) {
            matches.append(product)
        }
        switch orderBy.field {
        case "name": matches.sort { $0.name < $1.name }
        case "sku": matches.sort { ($0.sku ?? "") < ($1.sku ?? "") }
        case "last_updated_time": matches.sort { $0.updateTime < $1.updateTime }
        default: break
        }
        if orderBy.descending { matches.reverse() }
        return try listReply(key: "products", items: matches.map(productJSON), request: request)
    }

    private func productMatches(_ product: SandboxProduct, _ clause: SandboxFilterClause) throws -> Bool {
        switch clause.field {
        case "name", "sku", "description", "short_description":
            try clause.require([.equal])
            let text: String? = switch clause.field {
            case "name": product.name
            case "sku": product.sku
            case "description": product.description
            default: product.shortDescription
            }
            return clause.textMatches(text)
        case "product_id":
            try clause.require([.equal, .less, .lessOrEqual, .greater, .greaterOrEqual])
            return clause.numberHolds(product.id)
        case "product_ids":
            try clause.require([.equal])
            return clause.value.split(separator: ",").contains { String($0) == product.id }
        default:
            throw SandboxHTTPError.badRequest("unknown filter field \(clause.field)")
        }
    }

    /// `price`: an integer in minor units, ≥ 0 ("$12.50 is 1250"); a decimal is refused.
    private func productPrice(_ body: SandboxBody, required: Bool) throws -> Int64? {
        guard let price = try body.integer("price", required: required) else { return nil }
        guard price >= 0 else { throw SandboxHTTPError.badRequest("price must not be negative") }
        return price
    }

    /// Applies the members named by `keys` (a masked member absent from the body clears an optional one).
    private func apply(_ body: SandboxBody, keys: [String], to product: inout SandboxProduct) throws {
        for key in keys {
            switch key {
            case "name":
                guard let name = try body.nonBlankString("name", required: true) else { continue }
                product.name = name
            case "price":
                guard let price = try productPrice(body, required: true) else { continue }
                product.price = price
            case "short_description":
                guard let text = try body.string("short_description", required: true) else { continue }
                product.shortDescription = text
            case "sku": product.sku = try body.string("sku")
            case "description": product.description = try body.string("description")
            case "active": product.active = try body.bool("active") ?? true
            case "shippable": product.shippable = try body.bool("shippable") ?? false
            case "taxable": product.taxable = try body.bool("taxable") ?? false
            case "subscription_only": product.subscriptionOnly = try body.bool("subscription_only") ?? false
            default:
                guard !SandboxState.typedProductMembers.contains(key) else { continue }
                product.extra = replacing(product.extra, key: key, with: body.value(key))
            }
        }
    }

    /// `RestV2Product_Detail` (the list uses the same shape).
    func productJSON(_ product: SandboxProduct) -> JSONValue {
        var object = SandboxObjectBuilder()
        object.set("id", string: product.id)
        object.set("name", string: product.name)
        object.set("price", money.currencyValue(product.price))
        object.set("active", bool: product.active)
        object.set("description", string: product.description)
        object.set("sku", string: product.sku)
        object.set("shippable", bool: product.shippable)
        object.set("taxable", bool: product.taxable)
        object.set("short_description", string: product.shortDescription)
        object.set("subscription_only", bool: product.subscriptionOnly)
        for member in product.extra.members { object.set(member.key, member.value) }
        object.set("create_time", string: product.createTime)
        object.set("update_time", string: product.updateTime)
        return object.value
    }
}

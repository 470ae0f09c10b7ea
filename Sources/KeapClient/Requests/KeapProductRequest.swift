import LedgerCore

/// Product fields the sync sets (`CreateProductRequest_Detail` / `UpdateProductRequest_Detail`). A create needs
/// `name`, `priceMinor` and `shortDescription` (Keap requires them).
package struct KeapProductRequest: Sendable, Equatable {
    package var name: String?
    package var sku: String?
    /// `price`: integer minor units ("$12.50 is 1250"), unlike order item prices.
    package var priceMinor: Int64?
    package var shortDescription: String?
    package var description: String?
    package var active: Bool?

    package init(name: String? = nil, sku: String? = nil, priceMinor: Int64? = nil, shortDescription: String? = nil,
                 description: String? = nil, active: Bool? = nil) {
        self.name = name
        self.sku = sku
        self.priceMinor = priceMinor
        self.shortDescription = shortDescription
        self.description = description
        self.active = active
    }

    var json: JSONValue {
        var members: [JSONMember] = []
        members.appendIfPresent("name", name)
        members.appendIfPresent("sku", sku)
        members.appendIfPresent("price", priceMinor)
        members.appendIfPresent("short_description", shortDescription)
        members.appendIfPresent("description", description)
        members.appendIfPresent("active", active)
        return .object(JSONObject(members: members))
    }
}

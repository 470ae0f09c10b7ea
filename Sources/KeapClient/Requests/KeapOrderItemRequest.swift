import LedgerCore

/// One order item (`CreateOrderItemRequest` / `UpdateOrderItemRequest`). `pricePerUnit` is a decimal in major units,
/// always sent by the sync (else Keap takes the product's price).
package struct KeapOrderItemRequest: Sendable, Equatable {
    /// PRODUCT, SHIPPING, TAX, DISCOUNT…; only sent on create: Keap cannot change an item's type.
    package var itemType: String?
    package var productID: String?
    package var name: String?
    package var description: String?
    package var quantity: Int?
    package var pricePerUnit: KeapDecimal?
    package var notes: String?

    package init(itemType: String? = nil, productID: String? = nil, name: String? = nil, description: String? = nil,
                 quantity: Int? = nil, pricePerUnit: KeapDecimal? = nil, notes: String? = nil) {
        self.itemType = itemType
        self.productID = productID
        self.name = name
        self.description = description
        self.quantity = quantity
        self.pricePerUnit = pricePerUnit
        self.notes = notes
    }

    /// `forCreate: false` leaves `item_type` out: it is not part of `UpdateOrderItemRequest` and Keap refuses it.
    func json(forCreate: Bool) -> JSONValue {
        var members: [JSONMember] = []
        if forCreate { members.appendIfPresent("item_type", itemType) }
        members.appendIfPresent("product_id", productID)
        members.appendIfPresent("name", name)
        members.appendIfPresent("description", description)
        members.appendIfPresent("quantity", quantity)
        members.appendIfPresent("price_per_unit", pricePerUnit)
        members.appendIfPresent("notes", notes)
        return .object(JSONObject(members: members))
    }
}

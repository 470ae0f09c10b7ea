import LedgerCore

/// The parts of a Keap `OrderItem` the sync reads; returned items are mapped back to ledger lines by `notes`
/// (PRODUCT lines) or `itemType` (charges).
package struct KeapOrderItem: Sendable, Equatable {
    package let id: String
    /// PRODUCT, SHIPPING, TAX, DISCOUNT, … (`UNKNOWN` when Keap omits it).
    package let itemType: String
    package let name: String?
    package let notes: String?
    package let quantity: Int
    package let pricePerUnit: KeapMoney?
    /// `product.id`.
    package let productID: String?

    package init(id: String, itemType: String, name: String?, notes: String?, quantity: Int, pricePerUnit: KeapMoney?, productID: String?) {
        self.id = id
        self.itemType = itemType
        self.name = name
        self.notes = notes
        self.quantity = quantity
        self.pricePerUnit = pricePerUnit
        self.productID = productID
    }

    init(json object: JSONObject) throws(KeapDecodeError) {
        let context = "order item"
        id = try object.requiredID("id", in: context)
        itemType = try object.optionalString("item_type", in: context) ?? "UNKNOWN"
        name = try object.optionalString("name", in: context)
        notes = try object.optionalString("notes", in: context)
        quantity = try object.integer("quantity", in: context)
        pricePerUnit = try object.optionalMoney("price_per_unit", in: context)
        productID = try object.optionalObject("product", in: context)?.optionalID("id", in: "order item.product")
    }
}

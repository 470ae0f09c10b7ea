/// One item of an order's Keap view: a product line (`line:<line ref>`, PRODUCT) or a charge without a product
/// (`charge:SHIPPING|TAX|DISCOUNT`, its kind as `itemType`).
package struct KeapOrderItemView: Sendable, Equatable {
    /// `line:<line ref>` or `charge:<TYPE>`: unique within the order.
    package let key: String
    package let itemType: KeapOrderItemKind
    /// The line's SKU; nil for a charge.
    package let sku: String?
    package let description: String?
    package let quantity: Int64
    /// Minor units of the order's currency; positive for a DISCOUNT too (the sign Keap wants is the flush's setting).
    package let pricePerUnit: Int64

    package init(key: String, itemType: KeapOrderItemKind, sku: String?, description: String?, quantity: Int64, pricePerUnit: Int64) {
        self.key = key
        self.itemType = itemType
        self.sku = sku
        self.description = description
        self.quantity = quantity
        self.pricePerUnit = pricePerUnit
    }

    /// Whether this is a product line (which carries `sku` and `description` in the view); charges carry neither.
    package var isProduct: Bool { itemType == .product }

    /// The line ref for PRODUCT items (sent in the item's `notes` so Keap's item ids can be mapped back).
    package var lineRef: String? {
        key.hasPrefix("line:") ? String(key.dropFirst(5)) : nil
    }
}

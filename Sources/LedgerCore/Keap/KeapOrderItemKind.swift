/// What an item of an order's Keap view is: a product line, or one of the three charges without a product. The raw
/// values are Keap's `item_type` values (and the view's bytes).
package enum KeapOrderItemKind: String, Sendable, CaseIterable {
    case product = "PRODUCT"
    case shipping = "SHIPPING"
    case tax = "TAX"
    case discount = "DISCOUNT"

    /// The charges, in the order the view lists them after the product lines.
    package static let charges: [KeapOrderItemKind] = [.shipping, .tax, .discount]
}

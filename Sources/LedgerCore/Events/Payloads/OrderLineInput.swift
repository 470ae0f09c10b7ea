/// One order line as `order.placed` and `order.line_added` send it.
package struct OrderLineInput: Sendable, Equatable {
    package var lineRef: String
    package var sku: String
    package var quantity: Int
    /// Exact decimal text; checked against the order's currency when projected.
    package var unitPrice: DecimalAmount
    package var description: String?

    package init(lineRef: String, sku: String, quantity: Int, unitPrice: DecimalAmount, description: String? = nil) {
        self.lineRef = lineRef
        self.sku = sku
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.description = description
    }
}

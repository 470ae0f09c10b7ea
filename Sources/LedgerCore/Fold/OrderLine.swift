/// One current line of an order. Removed lines are gone from the state (their events stay in the log).
package struct OrderLine: Sendable, Equatable {
    package let lineRef: String
    package var sku: String
    package var quantity: Int
    /// Minor units of the order's currency.
    package var unitPrice: Int64
    package var description: String?
    /// Quantities from shipments that were not returned, that were delivered, and that came back.
    package var shippedQuantity = 0
    package var deliveredQuantity = 0
    package var returnedQuantity = 0

    package init(lineRef: String, sku: String, quantity: Int, unitPrice: Int64, description: String?) {
        self.lineRef = lineRef
        self.sku = sku
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.description = description
    }
}

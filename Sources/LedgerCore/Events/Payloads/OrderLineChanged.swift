/// `order.line_changed`: at least one of quantity and unit price; quantity 0 removes the line.
package struct OrderLineChanged: Sendable, Equatable {
    package var orderRef: String
    package var lineRef: String
    package var quantity: Int?
    package var unitPrice: DecimalAmount?

    package init(orderRef: String, lineRef: String, quantity: Int? = nil, unitPrice: DecimalAmount? = nil) {
        self.orderRef = orderRef
        self.lineRef = lineRef
        self.quantity = quantity
        self.unitPrice = unitPrice
    }
}

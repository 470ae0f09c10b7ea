/// `order.charges_changed`: the charges given replace the order's; absent ones stay as they were.
package struct OrderChargesChanged: Sendable, Equatable {
    package var orderRef: String
    package var shipping: DecimalAmount?
    package var tax: DecimalAmount?
    package var discount: DecimalAmount?

    package init(orderRef: String, shipping: DecimalAmount? = nil, tax: DecimalAmount? = nil, discount: DecimalAmount? = nil) {
        self.orderRef = orderRef
        self.shipping = shipping
        self.tax = tax
        self.discount = discount
    }
}

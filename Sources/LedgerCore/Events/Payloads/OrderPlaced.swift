/// `order.placed`: the event that makes an order complete.
package struct OrderPlaced: Sendable, Equatable {
    package var orderRef: String
    package var customerRef: String
    package var currency: Currency
    /// At least one; line refs unique (checked at ingest).
    package var lines: [OrderLineInput]
    /// nil when absent (the contract's default is 0).
    package var shipping: DecimalAmount?
    package var tax: DecimalAmount?
    package var discount: DecimalAmount?
    package var promoCodes: [String]
    package var shippingAddress: PostalAddress?

    package init(
        orderRef: String, customerRef: String, currency: Currency, lines: [OrderLineInput],
        shipping: DecimalAmount? = nil, tax: DecimalAmount? = nil, discount: DecimalAmount? = nil,
        promoCodes: [String] = [], shippingAddress: PostalAddress? = nil
    ) {
        self.orderRef = orderRef
        self.customerRef = customerRef
        self.currency = currency
        self.lines = lines
        self.shipping = shipping
        self.tax = tax
        self.discount = discount
        self.promoCodes = promoCodes
        self.shippingAddress = shippingAddress
    }
}

/// `product.upserted`. `subscription` and `active` are nil when the line omits them (defaults false and true).
package struct ProductUpserted: Sendable, Equatable {
    package var sku: String
    package var name: String
    package var price: DecimalAmount
    package var currency: Currency
    package var subscription: Bool?
    package var description: String?
    package var active: Bool?

    package init(
        sku: String, name: String, price: DecimalAmount, currency: Currency, subscription: Bool? = nil,
        description: String? = nil, active: Bool? = nil
    ) {
        self.sku = sku
        self.name = name
        self.price = price
        self.currency = currency
        self.subscription = subscription
        self.description = description
        self.active = active
    }
}

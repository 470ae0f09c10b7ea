/// What Keap should show for one product: found by SKU, with its name, description, price and status.
package struct KeapProductView: Sendable, Equatable {
    package let sku: String
    package let name: String?
    package let description: String?
    /// Minor units of `currency` (Keap's product price is integer minor units of the tenant's currency).
    package let priceMinor: Int64?
    package let currency: Currency?
    package let isActive: Bool
    package let isSubscription: Bool

    package init(sku: String, name: String?, description: String?, priceMinor: Int64?, currency: Currency?, isActive: Bool, isSubscription: Bool) {
        self.sku = sku
        self.name = name
        self.description = description
        self.priceMinor = priceMinor
        self.currency = currency
        self.isActive = isActive
        self.isSubscription = isSubscription
    }

    package init(_ product: ProductState) {
        self.init(sku: product.sku, name: product.name, description: product.description, priceMinor: product.price,
                  currency: product.currency, isActive: product.isActive, isSubscription: product.isSubscription)
    }

    /// A product is sent once it has a name and a price.
    package var isReady: Bool { name != nil && priceMinor != nil }
}

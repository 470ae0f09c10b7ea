import LedgerCore

/// The Keap view of one product (what `KeapView` builds), typed for the product calls.
struct ProductView: Equatable {
    let sku: String
    let name: String?
    let description: String?
    /// Integer minor units of `currency` (Keap's product price is minor units of the tenant's currency).
    let priceMinor: Int64?
    let currency: String?
    let isActive: Bool

    init(_ value: JSONValue) {
        let view = ViewReader(value)
        sku = view.string("sku") ?? ""
        name = view.string("name")
        description = view.string("description")
        priceMinor = view.integer("price_minor")
        currency = view.string("currency")
        isActive = view.bool("active") ?? true
    }
}

/// The four kinds of stream; a stream is named `<kind>/<external ref>`.
package enum StreamKind: String, Sendable, CaseIterable {
    case customer
    case product
    case order
    case subscription

    /// The `data` field holding the stream's external reference.
    package var referenceField: String {
        switch self {
        case .customer: "customer_ref"
        case .product: "sku"
        case .order: "order_ref"
        case .subscription: "subscription_ref"
        }
    }

    /// The stream name for `reference`, e.g. `order/FH-10023`.
    package func stream(_ reference: String) -> String { rawValue + "/" + reference }
}

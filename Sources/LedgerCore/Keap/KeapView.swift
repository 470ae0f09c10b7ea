/// What Keap should show for one stream, computed from its folded state: the outbox's desired state
/// (`spec/keap-sync.md`, Mapping), typed. Pure and deterministic, so the same ledger state always gives the same bytes
/// (and hash): a `rebuild` or a repeated projection finds nothing new to send. The sync reads these same structs,
/// and reads what Keap last confirmed back into them (`init(decoding:kind:)`).
///
/// Refs and values only; Keap ids, custom-field ids and the payment-type names of a tenant are resolved by the flush.
package enum KeapView: Sendable, Equatable {
    case order(KeapOrderView)
    /// An order without `order.placed`: nothing to send, only its ref.
    case unplacedOrder(orderRef: String)
    case customer(KeapCustomerView)
    case product(KeapProductView)
    case subscription(KeapSubscriptionView)

    /// The desired Keap state of `state`.
    package init(_ state: StreamState) {
        switch state {
        case .order(let order): self = KeapOrderView(order).map(KeapView.order) ?? .unplacedOrder(orderRef: order.orderRef)
        case .customer(let customer): self = .customer(KeapCustomerView(customer))
        case .product(let product): self = .product(KeapProductView(product))
        case .subscription(let subscription): self = .subscription(KeapSubscriptionView(subscription))
        }
    }

    /// False while the stream must not be sent: an order without `order.placed`, a subscription without
    /// `subscription.started`, a product or customer no upsert could be applied to.
    package var isReady: Bool {
        switch self {
        case .order: true
        case .unplacedOrder: false
        case .customer(let customer): customer.isReady
        case .product(let product): product.isReady
        case .subscription(let subscription): subscription.isReady
        }
    }

    package var kind: StreamKind {
        switch self {
        case .order, .unplacedOrder: .order
        case .customer: .customer
        case .product: .product
        case .subscription: .subscription
        }
    }

    /// The view as compact JSON, members in the order the writers write them (fixed, so the same state always gives
    /// the same bytes): what the outbox stores and hashes. Not the canonical form, which rewrites numbers (`1250` as
    /// `125e1`) for comparing feed lines. Byte for byte what the untyped view wrote (`KeapViewBytesPinTests`).
    package var bytes: [UInt8] {
        var writer = KeapViewWriter()
        switch self {
        case .order(let order): order.write(into: &writer)
        case .unplacedOrder(let orderRef):
            writer.beginObject()
            writer.key("kind"); writer.string("order")
            writer.key("order_ref"); writer.string(orderRef)
            writer.endObject()
        case .customer(let customer): customer.write(into: &writer)
        case .product(let product): product.write(into: &writer)
        case .subscription(let subscription): subscription.write(into: &writer)
        }
        return writer.bytes
    }
}

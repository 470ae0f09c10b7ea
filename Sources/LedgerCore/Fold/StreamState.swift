/// The state of any one stream: what the projector folds and writes, and point-in-time queries show.
package enum StreamState: Sendable, Equatable {
    case customer(CustomerState)
    case product(ProductState)
    case order(OrderState)
    case subscription(SubscriptionState)

    /// The empty state of the stream named `kind/reference`.
    package init(kind: StreamKind, reference: String) {
        switch kind {
        case .customer: self = .customer(CustomerState(customerRef: reference))
        case .product: self = .product(ProductState(sku: reference))
        case .order: self = .order(OrderState(orderRef: reference))
        case .subscription: self = .subscription(SubscriptionState(subscriptionRef: reference))
        }
    }

    /// The empty state for a stream name such as `order/FH-10023`; nil for a malformed name.
    package init?(stream: String) {
        guard let slash = stream.firstIndex(of: "/"), let kind = StreamKind(rawValue: String(stream[..<slash])) else { return nil }
        self.init(kind: kind, reference: String(stream[stream.index(after: slash)...]))
    }

    /// The fold, `(State, Event) -> State`; `apply` is its in-place form. Events must come in `(occurred_at, seq)`
    /// order: the projector, `rebuild` and point-in-time queries all read them that way.
    package func folding(_ event: LedgerEvent) -> StreamState {
        var next = self
        next.apply(event)
        return next
    }

    package mutating func apply(_ event: LedgerEvent) {
        // `consume` moves the state out, so its arrays stay uniquely referenced and are changed in place; a plain
        // `switch self` would leave a second reference behind and copy every line, payment and shipment per event.
        switch consume self {
        case .customer(var state): state.apply(event); self = .customer(state)
        case .product(var state): state.apply(event); self = .product(state)
        case .order(var state): state.apply(event); self = .order(state)
        case .subscription(var state): state.apply(event); self = .subscription(state)
        }
    }

    package var kind: StreamKind {
        switch self {
        case .customer: .customer
        case .product: .product
        case .order: .order
        case .subscription: .subscription
        }
    }

    /// The stream's external reference (customer ref, SKU, order ref, subscription ref).
    package var reference: String {
        switch self {
        case .customer(let state): state.customerRef
        case .product(let state): state.sku
        case .order(let state): state.orderRef
        case .subscription(let state): state.subscriptionRef
        }
    }

    /// The stream's name, e.g. `order/FH-10023`.
    package var stream: String { kind.stream(reference) }

    package var progress: StreamProgress {
        switch self {
        case .customer(let state): state.progress
        case .product(let state): state.progress
        case .order(let state): state.progress
        case .subscription(let state): state.progress
        }
    }
}

/// The order statuses a source reports (`order.status_changed`).
package enum OrderStatus: String, Sendable, Equatable, CaseIterable {
    case pending
    case processing
    case onHold = "on_hold"
    case shipped
    case partiallyShipped = "partially_shipped"
    case delivered
    case cancelled
    case returned
}

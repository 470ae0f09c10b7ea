/// The 17 event types of the feed contract.
package enum EventType: String, Sendable, CaseIterable {
    case customerUpserted = "customer.upserted"
    case productUpserted = "product.upserted"
    case orderPlaced = "order.placed"
    case orderLineAdded = "order.line_added"
    case orderLineChanged = "order.line_changed"
    case orderLineRemoved = "order.line_removed"
    case orderChargesChanged = "order.charges_changed"
    case orderStatusChanged = "order.status_changed"
    case orderCancelled = "order.cancelled"
    case shipmentShipped = "shipment.shipped"
    case shipmentDelivered = "shipment.delivered"
    case shipmentReturned = "shipment.returned"
    case paymentCaptured = "payment.captured"
    case paymentRefunded = "payment.refunded"
    case subscriptionStarted = "subscription.started"
    case subscriptionRenewed = "subscription.renewed"
    case subscriptionStatusChanged = "subscription.status_changed"

    /// The kind of stream the type's events belong to.
    package var streamKind: StreamKind {
        switch self {
        case .customerUpserted: .customer
        case .productUpserted: .product
        case .subscriptionStarted, .subscriptionRenewed, .subscriptionStatusChanged: .subscription
        default: .order
        }
    }

    /// Data versions this build understands (feed.md: only version 1 exists today).
    package var supportedVersions: ClosedRange<Int> { 1...1 }
}

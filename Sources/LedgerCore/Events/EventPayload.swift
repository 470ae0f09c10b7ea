/// The typed `data` of one event: what the fold reads. Decoded once, by the validator, from the parsed line.
///
/// Small events carry their fields directly; larger ones carry a struct named after the event.
package enum EventPayload: Sendable, Equatable {
    case customerUpserted(CustomerUpserted)
    case productUpserted(ProductUpserted)
    case orderPlaced(OrderPlaced)
    case orderLineAdded(orderRef: String, line: OrderLineInput)
    case orderLineChanged(OrderLineChanged)
    case orderLineRemoved(orderRef: String, lineRef: String)
    case orderChargesChanged(OrderChargesChanged)
    case orderStatusChanged(orderRef: String, status: OrderStatus)
    case orderCancelled(orderRef: String, reason: String?)
    case shipmentShipped(ShipmentShipped)
    case shipmentDelivered(orderRef: String, shipmentRef: String)
    case shipmentReturned(orderRef: String, shipmentRef: String, reason: String?)
    case paymentCaptured(PaymentCaptured)
    case paymentRefunded(PaymentRefunded)
    case subscriptionStarted(SubscriptionStarted)
    case subscriptionRenewed(SubscriptionRenewed)
    case subscriptionStatusChanged(SubscriptionStatusChanged)

    /// The event type this payload belongs to.
    package var type: EventType {
        switch self {
        case .customerUpserted: .customerUpserted
        case .productUpserted: .productUpserted
        case .orderPlaced: .orderPlaced
        case .orderLineAdded: .orderLineAdded
        case .orderLineChanged: .orderLineChanged
        case .orderLineRemoved: .orderLineRemoved
        case .orderChargesChanged: .orderChargesChanged
        case .orderStatusChanged: .orderStatusChanged
        case .orderCancelled: .orderCancelled
        case .shipmentShipped: .shipmentShipped
        case .shipmentDelivered: .shipmentDelivered
        case .shipmentReturned: .shipmentReturned
        case .paymentCaptured: .paymentCaptured
        case .paymentRefunded: .paymentRefunded
        case .subscriptionStarted: .subscriptionStarted
        case .subscriptionRenewed: .subscriptionRenewed
        case .subscriptionStatusChanged: .subscriptionStatusChanged
        }
    }

    /// The external reference naming the event's stream (`order_ref`, `customer_ref`, `sku`, `subscription_ref`).
    package var streamReference: String {
        switch self {
        case .customerUpserted(let event): event.customerRef
        case .productUpserted(let event): event.sku
        case .orderPlaced(let event): event.orderRef
        case .orderLineAdded(let orderRef, _): orderRef
        case .orderLineChanged(let event): event.orderRef
        case .orderLineRemoved(let orderRef, _): orderRef
        case .orderChargesChanged(let event): event.orderRef
        case .orderStatusChanged(let orderRef, _): orderRef
        case .orderCancelled(let orderRef, _): orderRef
        case .shipmentShipped(let event): event.orderRef
        case .shipmentDelivered(let orderRef, _): orderRef
        case .shipmentReturned(let orderRef, _, _): orderRef
        case .paymentCaptured(let event): event.orderRef
        case .paymentRefunded(let event): event.orderRef
        case .subscriptionStarted(let event): event.subscriptionRef
        case .subscriptionRenewed(let event): event.subscriptionRef
        case .subscriptionStatusChanged(let event): event.subscriptionRef
        }
    }
}

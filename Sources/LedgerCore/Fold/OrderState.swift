/// One order as the ledger knows it: the fold of its stream `order/<order_ref>` in business-time order.
///
/// Until `order.placed` arrives the order is incomplete: its other events wait in `waiting` (they need the order's
/// currency and lines to mean anything) and are applied, each flagged `before_start`, once it does.
package struct OrderState: Sendable, Equatable {
    package let orderRef: String
    /// True once `order.placed` has been folded.
    package var isComplete = false
    package var customerRef: String?
    package var currency: Currency?
    package var placedAt: Timestamp?
    /// Current lines in the order they were added.
    package var lines: [OrderLine] = []
    package var promoCodes: [String] = []
    package var shippingAddress: PostalAddress?
    /// The last status the source reported (`order.status_changed`, `order.cancelled`).
    package var reportedStatus: OrderStatus?
    package var cancelledAt: Timestamp?
    package var cancelReason: String?
    package var shipments: [Shipment] = []
    package var payments: [Payment] = []
    package var refunds: [Refund] = []
    package var totals = OrderTotals()
    package var anomalies: [Anomaly] = []
    /// Events that arrived (in business time) before `order.placed`, held until it does.
    package var waiting: [LedgerEvent] = []
    package var progress = StreamProgress()

    package init(orderRef: String) {
        self.orderRef = orderRef
    }

    /// The status to show: the last one reported, `pending` for a placed order that has none yet.
    package var status: OrderStatus? {
        reportedStatus ?? (isComplete ? .pending : nil)
    }

    /// Where the goods are, from the shipments.
    package var fulfilment: Fulfilment {
        let active = shipments.filter { $0.returnedAt == nil }
        if !shipments.isEmpty, active.isEmpty { return .returned }
        let ordered = lines.filter { $0.quantity > 0 }
        let anyShipped = lines.contains { $0.shippedQuantity > 0 }
        guard anyShipped else { return .unshipped }
        let allShipped = !ordered.isEmpty && ordered.allSatisfy { $0.shippedQuantity >= $0.quantity }
        guard allShipped else { return .partiallyShipped }
        return active.allSatisfy { $0.deliveredAt != nil } ? .delivered : .shipped
    }

    /// The line with `lineRef` (refs compare code point by code point).
    package func lineIndex(_ lineRef: String) -> Int? {
        lines.firstIndex { $0.lineRef.utf8.elementsEqual(lineRef.utf8) }
    }

    package func shipmentIndex(_ shipmentRef: String) -> Int? {
        shipments.firstIndex { $0.shipmentRef.utf8.elementsEqual(shipmentRef.utf8) }
    }

    package func paymentIndex(_ paymentRef: String) -> Int? {
        payments.firstIndex { $0.paymentRef.utf8.elementsEqual(paymentRef.utf8) }
    }
}

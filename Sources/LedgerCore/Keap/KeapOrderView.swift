/// What Keap should show for one placed order (spec/keap-sync.md, Mapping): all its lines as PRODUCT items plus
/// SHIPPING/TAX/DISCOUNT items, the custom fields (`ExternalOrderRef`, `FulfillmentStatus`, the latest shipment's
/// carrier, tracking and times), payments and refunds. Money is minor units of `currency`; decimal text exists only
/// in the encoded view and in Keap's request bodies.
package struct KeapOrderView: Sendable, Equatable {
    package let orderRef: String
    package let customerRef: String?
    package let orderTime: Timestamp?
    package let currency: Currency
    package let items: [KeapOrderItemView]
    /// Minor units of `currency`.
    package let totalMinor: Int64
    /// The status the store last reported (`order.status_changed`), as the mapping table says.
    package let fulfillmentStatus: OrderStatus?
    /// The latest shipment's carrier, tracking and times.
    package let carrier: String?
    package let trackingNumber: String?
    package let trackingURL: String?
    package let shippedAt: Timestamp?
    package let deliveredAt: Timestamp?
    package let payments: [KeapPaymentView]
    package let refunds: [KeapRefundView]

    package init(
        orderRef: String, customerRef: String?, orderTime: Timestamp?, currency: Currency, items: [KeapOrderItemView], totalMinor: Int64,
        fulfillmentStatus: OrderStatus?, carrier: String?, trackingNumber: String?, trackingURL: String?, shippedAt: Timestamp?,
        deliveredAt: Timestamp?, payments: [KeapPaymentView], refunds: [KeapRefundView]
    ) {
        self.orderRef = orderRef
        self.customerRef = customerRef
        self.orderTime = orderTime
        self.currency = currency
        self.items = items
        self.totalMinor = totalMinor
        self.fulfillmentStatus = fulfillmentStatus
        self.carrier = carrier
        self.trackingNumber = trackingNumber
        self.trackingURL = trackingURL
        self.shippedAt = shippedAt
        self.deliveredAt = deliveredAt
        self.payments = payments
        self.refunds = refunds
    }

    /// The view of a placed order; nil while `order.placed` has not been folded (nothing to send yet).
    package init?(_ order: OrderState) {
        guard order.isComplete, let currency = order.currency else { return nil }
        var items = order.lines.map { line in
            KeapOrderItemView(key: "line:" + line.lineRef, itemType: .product, sku: line.sku, description: line.description,
                              quantity: Int64(line.quantity), pricePerUnit: line.unitPrice)
        }
        // Charges are items without a product; a zero charge is no item (keap-sync.md: delete it at 0).
        for (kind, amount) in zip(KeapOrderItemKind.charges, [order.totals.shipping, order.totals.tax, order.totals.discount]) where amount != 0 {
            items.append(KeapOrderItemView(key: "charge:" + kind.rawValue, itemType: kind, sku: nil, description: nil, quantity: 1, pricePerUnit: amount))
        }
        let latest = order.shipments.last
        self.init(
            orderRef: order.orderRef, customerRef: order.customerRef, orderTime: order.placedAt, currency: currency, items: items,
            totalMinor: order.totals.total, fulfillmentStatus: order.status, carrier: latest?.carrier,
            trackingNumber: latest?.trackingNumber, trackingURL: latest?.trackingURL, shippedAt: latest?.shippedAt,
            deliveredAt: latest?.deliveredAt,
            payments: order.payments.map { KeapPaymentView(paymentRef: $0.paymentRef, amount: $0.amount, method: $0.method, paymentTime: $0.capturedAt) },
            // Keap has no refund API: refunds are recorded (custom field) and counted when reconciling.
            refunds: order.refunds.map { KeapRefundView(refundRef: $0.refundRef, paymentRef: $0.paymentRef, amount: $0.amount, refundedAt: $0.refundedAt) })
    }

    /// Keap's order title: the order ref.
    package var orderTitle: String { orderRef }

    /// Keap's order type: every store order is an online one.
    package var orderType: String { "ONLINE" }
}

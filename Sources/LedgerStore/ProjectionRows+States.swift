import LedgerCore

extension ProjectionRows {
    /// Encodes the rows of `state` (see `Migrations/sql/0002_projections.sql`). Rows are a pure function of the
    /// state, so incremental projection and `rebuild` write the same bytes. `replacing` says the stream may already
    /// have rows (they are deleted first); false skips the deletes for streams known to be new, which is most of them
    /// in a rebuild.
    package mutating func append(_ state: StreamState, replacing: Bool) throws(LedgerStoreError) {
        switch state {
        case .order(let order):
            if replacing {
                for statement: ProjectionStatement in [.deleteOrders, .deleteOrderLines, .deleteShipments, .deleteShipmentLines, .deletePayments, .deleteRefunds] {
                    delete(statement, order.orderRef)
                }
                delete(.deleteAnomalies, StreamKind.order.stream(order.orderRef))
            }
            try append(order)
        case .customer(let customer):
            if replacing { delete(.deleteCustomers, customer.customerRef) }
            try append(customer)
        case .product(let product):
            if replacing {
                delete(.deleteProducts, product.sku)
                delete(.deleteAnomalies, StreamKind.product.stream(product.sku))
            }
            try append(product)
        case .subscription(let subscription):
            if replacing {
                delete(.deleteSubscriptions, subscription.subscriptionRef)
                delete(.deleteSubscriptionOrders, subscription.subscriptionRef)
                delete(.deleteAnomalies, StreamKind.subscription.stream(subscription.subscriptionRef))
            }
            try append(subscription)
        }
    }

    private mutating func delete(_ statement: ProjectionStatement, _ key: String) {
        put(key)
        end(statement)
    }

    // MARK: - Orders

    private mutating func append(_ order: OrderState) throws(LedgerStoreError) {
        put(order.orderRef)
        put(order.isComplete)
        put(order.customerRef)
        put(order.currency?.code)
        put(order.placedAt)
        put(order.status?.rawValue)
        put(order.fulfilment.rawValue)
        put(order.cancelledAt)
        put(order.cancelReason)
        put(order.lines.count)
        let totals = order.totals
        for amount in [totals.subtotal, totals.shipping, totals.tax, totals.discount, totals.total, totals.paid, totals.refunded, totals.balanceDue] {
            put(amount)
        }
        put(json: .array(order.promoCodes.map(JSONValue.string)))
        put(json: order.shippingAddress?.jsonValue)
        put(order.anomalies.count)
        put(order.waiting.count)
        try put(order.progress)
        end(.insertOrder)

        for (position, line) in order.lines.enumerated() {
            put(order.orderRef)
            put(line.lineRef)
            put(position)
            put(line.sku)
            put(line.quantity)
            put(line.unitPrice)
            // Cannot overflow: the fold only keeps lines whose totals fit.
            put(line.unitPrice * Int64(line.quantity))
            put(line.description)
            put(line.shippedQuantity)
            put(line.deliveredQuantity)
            put(line.returnedQuantity)
            end(.insertOrderLine)
        }
        for (position, shipment) in order.shipments.enumerated() {
            append(shipment, position: position, orderRef: order.orderRef)
        }
        for (position, payment) in order.payments.enumerated() {
            put(order.orderRef)
            put(payment.paymentRef)
            put(position)
            put(payment.amount)
            put(payment.refunded)
            put(payment.method?.rawValue)
            put(payment.gatewayRef)
            put(payment.capturedAt)
            put(payment.seq)
            end(.insertPayment)
        }
        for (position, refund) in order.refunds.enumerated() {
            put(order.orderRef)
            put(refund.refundRef)
            put(position)
            put(refund.paymentRef)
            put(refund.amount)
            put(refund.reason)
            put(refund.refundedAt)
            put(refund.seq)
            end(.insertRefund)
        }
        append(order.anomalies, stream: StreamKind.order.stream(order.orderRef))
    }

    private mutating func append(_ shipment: Shipment, position: Int, orderRef: String) {
        put(orderRef)
        put(shipment.shipmentRef)
        put(position)
        put(shipment.carrier)
        put(shipment.service)
        put(shipment.trackingNumber)
        put(shipment.trackingURL)
        put(shipment.wholeOrder)
        put(shipment.shippedAt)
        put(shipment.deliveredAt)
        put(shipment.returnedAt)
        put(shipment.returnReason)
        put(shipment.seq)
        end(.insertShipment)
        for (linePosition, line) in shipment.lines.enumerated() {
            put(orderRef)
            put(shipment.shipmentRef)
            put(linePosition)
            put(line.lineRef)
            put(line.quantity)
            end(.insertShipmentLine)
        }
    }

    // MARK: - Customers, products, subscriptions

    private mutating func append(_ customer: CustomerState) throws(LedgerStoreError) {
        // A customer stream always starts with an upsert (its only event type), so email is set.
        put(customer.customerRef)
        put(customer.email ?? "")
        put(customer.firstName)
        put(customer.lastName)
        put(customer.phone)
        put(customer.company)
        put(json: customer.billingAddress?.jsonValue)
        put(json: customer.shippingAddress?.jsonValue)
        try put(customer.progress)
        end(.insertCustomer)
    }

    private mutating func append(_ product: ProductState) throws(LedgerStoreError) {
        put(product.sku)
        put(product.name)
        put(product.currency?.code)
        put(product.price)
        put(product.isSubscription)
        put(product.description)
        put(product.isActive)
        put(product.anomalies.count)
        try put(product.progress)
        end(.insertProduct)
        append(product.anomalies, stream: StreamKind.product.stream(product.sku))
    }

    private mutating func append(_ subscription: SubscriptionState) throws(LedgerStoreError) {
        put(subscription.subscriptionRef)
        put(subscription.isComplete)
        put(subscription.customerRef)
        put(subscription.sku)
        put(subscription.currency?.code)
        put(subscription.price)
        put(subscription.interval?.rawValue)
        put(subscription.intervalCount)
        put(subscription.status?.rawValue)
        put(subscription.startedAt)
        put(subscription.currentPeriodEnd)
        put(subscription.renewals)
        put(subscription.anomalies.count)
        put(subscription.waiting.count)
        try put(subscription.progress)
        end(.insertSubscription)
        for (position, orderRef) in subscription.orderRefs.enumerated() {
            put(subscription.subscriptionRef)
            put(position)
            put(orderRef)
            end(.insertSubscriptionOrder)
        }
        append(subscription.anomalies, stream: StreamKind.subscription.stream(subscription.subscriptionRef))
    }

    // MARK: - Shared

    private mutating func append(_ anomalies: [Anomaly], stream: String) {
        for (position, anomaly) in anomalies.enumerated() {
            put(stream)
            put(position)
            put(anomaly.seq)
            put(anomaly.eventID)
            put(anomaly.eventType.rawValue)
            put(anomaly.code.rawValue)
            put(anomaly.message)
            end(.insertAnomaly)
        }
    }

    /// event_count, first_seq, last_seq, last_occurred_at, last_recorded_at.
    private mutating func put(_ progress: StreamProgress) throws(LedgerStoreError) {
        guard let firstSeq = progress.firstSeq, let lastSeq = progress.lastSeq, let lastApplied = progress.lastApplied,
              let lastRecordedAt = progress.lastRecordedAt else {
            throw LedgerStoreError(.internalInvariant, "a stream with no events cannot be projected")
        }
        put(progress.eventCount)
        put(firstSeq)
        put(lastSeq)
        put(lastApplied.occurredAt)
        put(lastRecordedAt)
    }
}

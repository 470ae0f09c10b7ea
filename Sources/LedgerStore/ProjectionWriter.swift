import GRDB
import LedgerCore

/// Writes stream states into the projection tables (see `Migrations/sql/0002_projections.sql`) inside the caller's
/// write transaction. Rows are a pure function of the state, so incremental projection and `rebuild` write the same
/// bytes.
package final class ProjectionWriter {
    private let db: Database
    /// Each statement prepared once per writer and held: finding GRDB's cached statement by its SQL text hashed a
    /// few hundred bytes per projection row on the writing thread, which bounds `rebuild`.
    private var held: [Statement?] = Array(repeating: nil, count: Held.allCases.count)

    /// The statements this writer holds; `statement(_:_:)` prepares each from the SQL given at its first use.
    private enum Held: Int, CaseIterable {
        case insertOrder, insertOrderLine, insertShipment, insertShipmentLine, insertPayment, insertRefund
        case insertCustomer, insertProduct, insertSubscription, insertSubscriptionOrder, insertAnomaly
        case deleteOrders, deleteOrderLines, deleteShipments, deleteShipmentLines, deletePayments, deleteRefunds
        case deleteCustomers, deleteProducts, deleteSubscriptions, deleteSubscriptionOrders, deleteAnomalies
    }

    package init(db: Database) {
        self.db = db
    }

    /// The held statement `key`, prepared from `sql` the first time (every call site passes the same SQL for its key).
    private func statement(_ key: Held, _ sql: @autoclosure () -> String) throws -> BoundStatement {
        if let statement = held[key.rawValue] { return BoundStatement(statement) }
        let statement = try db.makeStatement(sql: sql())
        held[key.rawValue] = statement
        return BoundStatement(statement)
    }

    /// Writes `state`. `replacing` says the stream may already have rows (they are deleted first); false skips the
    /// deletes for streams known to be new, which is most of them in a rebuild.
    package func write(_ state: StreamState, replacing: Bool) throws {
        switch state {
        case .order(let order):
            if replacing { try delete(orderRef: order.orderRef) }
            try write(order)
        case .customer(let customer):
            if replacing { try deleteRows(.deleteCustomers, "customers", "customer_ref", customer.customerRef) }
            try write(customer)
        case .product(let product):
            if replacing {
                try deleteRows(.deleteProducts, "products", "sku", product.sku)
                try deleteRows(.deleteAnomalies, "anomalies", "stream", StreamKind.product.stream(product.sku))
            }
            try write(product)
        case .subscription(let subscription):
            if replacing {
                try deleteRows(.deleteSubscriptions, "subscriptions", "subscription_ref", subscription.subscriptionRef)
                try deleteRows(.deleteSubscriptionOrders, "subscription_orders", "subscription_ref", subscription.subscriptionRef)
                try deleteRows(.deleteAnomalies, "anomalies", "stream", StreamKind.subscription.stream(subscription.subscriptionRef))
            }
            try write(subscription)
        }
    }

    /// Empties every projection table and resets the checkpoint (rebuild).
    package func clearAll() throws {
        for table in ProjectionWriter.tables {
            try db.execute(sql: "DELETE FROM \(table)")
        }
        try setCheckpoint(0)
    }

    /// Every projection table, for `clearAll`, dumps and tests.
    package static let tables = [
        "orders", "order_lines", "shipments", "shipment_lines", "payments", "refunds",
        "customers", "products", "subscriptions", "subscription_orders", "anomalies",
    ]

    package static func checkpoint(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT last_seq FROM projection_checkpoint WHERE singleton = 1") ?? 0
    }

    package func setCheckpoint(_ seq: Int64) throws {
        try db.execute(sql: "UPDATE projection_checkpoint SET last_seq = ? WHERE singleton = 1", arguments: [seq])
    }

    // MARK: - Deleting

    private func deleteRows(_ held: Held, _ table: String, _ column: String, _ key: String) throws {
        var delete = try statement(held, "DELETE FROM \(table) WHERE \(column) = ?")
        delete.bind(key)
        try delete.execute()
    }

    private func delete(orderRef: String) throws {
        let tables: [(Held, String)] = [
            (.deleteOrders, "orders"), (.deleteOrderLines, "order_lines"), (.deleteShipments, "shipments"),
            (.deleteShipmentLines, "shipment_lines"), (.deletePayments, "payments"), (.deleteRefunds, "refunds"),
        ]
        for (held, table) in tables {
            try deleteRows(held, table, "order_ref", orderRef)
        }
        try deleteRows(.deleteAnomalies, "anomalies", "stream", StreamKind.order.stream(orderRef))
    }

    // MARK: - Orders

    private func write(_ order: OrderState) throws {
        var row = try statement(.insertOrder, """
            INSERT INTO orders (order_ref, complete, customer_ref, currency, placed_at, status, fulfilment, cancelled_at,
                cancel_reason, line_count, subtotal, shipping, tax, discount, total, paid, refunded, balance_due,
                promo_codes, shipping_address, anomaly_count, waiting_events, event_count, first_seq, last_seq,
                last_occurred_at, last_recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        row.bind(order.orderRef)
        row.bind(order.isComplete)
        row.bind(order.customerRef)
        row.bind(order.currency?.code)
        row.bind(order.placedAt)
        row.bind(order.status?.rawValue)
        row.bind(order.fulfilment.rawValue)
        row.bind(order.cancelledAt)
        row.bind(order.cancelReason)
        row.bind(order.lines.count)
        let totals = order.totals
        for amount in [totals.subtotal, totals.shipping, totals.tax, totals.discount, totals.total, totals.paid, totals.refunded, totals.balanceDue] {
            row.bind(amount)
        }
        row.bind(JSONWriter.string(.array(order.promoCodes.map(JSONValue.string))))
        row.bind(order.shippingAddress.map { JSONWriter.string($0.jsonValue) })
        row.bind(order.anomalies.count)
        row.bind(order.waiting.count)
        try bindProgress(order.progress, into: &row)
        try row.execute()

        for (position, line) in order.lines.enumerated() {
            var insert = try statement(.insertOrderLine, """
                INSERT INTO order_lines (order_ref, line_ref, position, sku, quantity, unit_price, line_total, description,
                    shipped_quantity, delivered_quantity, returned_quantity)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            insert.bind(order.orderRef)
            insert.bind(line.lineRef)
            insert.bind(position)
            insert.bind(line.sku)
            insert.bind(line.quantity)
            insert.bind(line.unitPrice)
            // Cannot overflow: the fold only keeps lines whose totals fit.
            insert.bind(line.unitPrice * Int64(line.quantity))
            insert.bind(line.description)
            insert.bind(line.shippedQuantity)
            insert.bind(line.deliveredQuantity)
            insert.bind(line.returnedQuantity)
            try insert.execute()
        }
        for (position, shipment) in order.shipments.enumerated() {
            try write(shipment, position: position, orderRef: order.orderRef)
        }
        for (position, payment) in order.payments.enumerated() {
            var insert = try statement(.insertPayment, """
                INSERT INTO payments (order_ref, payment_ref, position, amount, refunded, method, gateway_ref, captured_at, seq)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            insert.bind(order.orderRef)
            insert.bind(payment.paymentRef)
            insert.bind(position)
            insert.bind(payment.amount)
            insert.bind(payment.refunded)
            insert.bind(payment.method?.rawValue)
            insert.bind(payment.gatewayRef)
            insert.bind(payment.capturedAt)
            insert.bind(payment.seq)
            try insert.execute()
        }
        for (position, refund) in order.refunds.enumerated() {
            var insert = try statement(.insertRefund, """
                INSERT INTO refunds (order_ref, refund_ref, position, payment_ref, amount, reason, refunded_at, seq)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            insert.bind(order.orderRef)
            insert.bind(refund.refundRef)
            insert.bind(position)
            insert.bind(refund.paymentRef)
            insert.bind(refund.amount)
            insert.bind(refund.reason)
            insert.bind(refund.refundedAt)
            insert.bind(refund.seq)
            try insert.execute()
        }
        try write(order.anomalies, stream: StreamKind.order.stream(order.orderRef))
    }

    private func write(_ shipment: Shipment, position: Int, orderRef: String) throws {
        var insert = try statement(.insertShipment, """
            INSERT INTO shipments (order_ref, shipment_ref, position, carrier, service, tracking_number, tracking_url,
                whole_order, shipped_at, delivered_at, returned_at, return_reason, seq)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insert.bind(orderRef)
        insert.bind(shipment.shipmentRef)
        insert.bind(position)
        insert.bind(shipment.carrier)
        insert.bind(shipment.service)
        insert.bind(shipment.trackingNumber)
        insert.bind(shipment.trackingURL)
        insert.bind(shipment.wholeOrder)
        insert.bind(shipment.shippedAt)
        insert.bind(shipment.deliveredAt)
        insert.bind(shipment.returnedAt)
        insert.bind(shipment.returnReason)
        insert.bind(shipment.seq)
        try insert.execute()
        for (linePosition, line) in shipment.lines.enumerated() {
            var lineInsert = try statement(.insertShipmentLine, """
                INSERT INTO shipment_lines (order_ref, shipment_ref, position, line_ref, quantity) VALUES (?, ?, ?, ?, ?)
                """)
            lineInsert.bind(orderRef)
            lineInsert.bind(shipment.shipmentRef)
            lineInsert.bind(linePosition)
            lineInsert.bind(line.lineRef)
            lineInsert.bind(line.quantity)
            try lineInsert.execute()
        }
    }

    // MARK: - Customers, products, subscriptions

    private func write(_ customer: CustomerState) throws {
        // A customer stream always starts with an upsert (its only event type), so email is set.
        var insert = try statement(.insertCustomer, """
            INSERT INTO customers (customer_ref, email, first_name, last_name, phone, company, billing_address,
                shipping_address, event_count, first_seq, last_seq, last_occurred_at, last_recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insert.bind(customer.customerRef)
        insert.bind(customer.email ?? "")
        insert.bind(customer.firstName)
        insert.bind(customer.lastName)
        insert.bind(customer.phone)
        insert.bind(customer.company)
        insert.bind(customer.billingAddress.map { JSONWriter.string($0.jsonValue) })
        insert.bind(customer.shippingAddress.map { JSONWriter.string($0.jsonValue) })
        try bindProgress(customer.progress, into: &insert)
        try insert.execute()
    }

    private func write(_ product: ProductState) throws {
        var insert = try statement(.insertProduct, """
            INSERT INTO products (sku, name, currency, price, subscription, description, active, anomaly_count,
                event_count, first_seq, last_seq, last_occurred_at, last_recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insert.bind(product.sku)
        insert.bind(product.name)
        insert.bind(product.currency?.code)
        insert.bind(product.price)
        insert.bind(product.isSubscription)
        insert.bind(product.description)
        insert.bind(product.isActive)
        insert.bind(product.anomalies.count)
        try bindProgress(product.progress, into: &insert)
        try insert.execute()
        try write(product.anomalies, stream: StreamKind.product.stream(product.sku))
    }

    private func write(_ subscription: SubscriptionState) throws {
        var insert = try statement(.insertSubscription, """
            INSERT INTO subscriptions (subscription_ref, complete, customer_ref, sku, currency, price, interval,
                interval_count, status, started_at, current_period_end, renewals, anomaly_count, waiting_events,
                event_count, first_seq, last_seq, last_occurred_at, last_recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insert.bind(subscription.subscriptionRef)
        insert.bind(subscription.isComplete)
        insert.bind(subscription.customerRef)
        insert.bind(subscription.sku)
        insert.bind(subscription.currency?.code)
        insert.bind(subscription.price)
        insert.bind(subscription.interval?.rawValue)
        insert.bind(subscription.intervalCount)
        insert.bind(subscription.status?.rawValue)
        insert.bind(subscription.startedAt)
        insert.bind(subscription.currentPeriodEnd)
        insert.bind(subscription.renewals)
        insert.bind(subscription.anomalies.count)
        insert.bind(subscription.waiting.count)
        try bindProgress(subscription.progress, into: &insert)
        try insert.execute()
        for (position, orderRef) in subscription.orderRefs.enumerated() {
            var link = try statement(.insertSubscriptionOrder, "INSERT INTO subscription_orders (subscription_ref, position, order_ref) VALUES (?, ?, ?)")
            link.bind(subscription.subscriptionRef)
            link.bind(position)
            link.bind(orderRef)
            try link.execute()
        }
        try write(subscription.anomalies, stream: StreamKind.subscription.stream(subscription.subscriptionRef))
    }

    // MARK: - Shared

    private func write(_ anomalies: [Anomaly], stream: String) throws {
        for (position, anomaly) in anomalies.enumerated() {
            var insert = try statement(.insertAnomaly, """
                INSERT INTO anomalies (stream, position, seq, event_id, event_type, code, message) VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            insert.bind(stream)
            insert.bind(position)
            insert.bind(anomaly.seq)
            insert.bind(anomaly.eventID)
            insert.bind(anomaly.eventType.rawValue)
            insert.bind(anomaly.code.rawValue)
            insert.bind(anomaly.message)
            try insert.execute()
        }
    }

    /// event_count, first_seq, last_seq, last_occurred_at, last_recorded_at.
    private func bindProgress(_ progress: StreamProgress, into statement: inout BoundStatement) throws {
        guard let firstSeq = progress.firstSeq, let lastSeq = progress.lastSeq, let lastApplied = progress.lastApplied,
              let lastRecordedAt = progress.lastRecordedAt else {
            throw LedgerStoreError(.internalInvariant, "a stream with no events cannot be projected")
        }
        statement.bind(progress.eventCount)
        statement.bind(firstSeq)
        statement.bind(lastSeq)
        statement.bind(lastApplied.occurredAt)
        statement.bind(lastRecordedAt)
    }
}

/// Every statement the projector runs on the projection tables, with its SQL in one place: `ProjectionRows` records
/// which one each encoded row is for, and `ProjectionWriter` prepares each once and holds it. The column order of each
/// INSERT is the order in which `ProjectionRows+States` encodes the values.
enum ProjectionStatement: Int, CaseIterable, Sendable {
    case insertOrder, insertOrderLine, insertShipment, insertShipmentLine, insertPayment, insertRefund
    case insertCustomer, insertProduct, insertSubscription, insertSubscriptionOrder, insertAnomaly
    case deleteOrders, deleteOrderLines, deleteShipments, deleteShipmentLines, deletePayments, deleteRefunds
    case deleteCustomers, deleteProducts, deleteSubscriptions, deleteSubscriptionOrders, deleteAnomalies

    var sql: String {
        switch self {
        case .insertOrder:
            """
            INSERT INTO orders (order_ref, complete, customer_ref, currency, placed_at, status, fulfilment, cancelled_at,
                cancel_reason, line_count, subtotal, shipping, tax, discount, total, paid, refunded, balance_due,
                promo_codes, shipping_address, anomaly_count, waiting_events, event_count, first_seq, last_seq,
                last_occurred_at, last_recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        case .insertOrderLine:
            """
            INSERT INTO order_lines (order_ref, line_ref, position, sku, quantity, unit_price, line_total, description,
                shipped_quantity, delivered_quantity, returned_quantity)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        case .insertShipment:
            """
            INSERT INTO shipments (order_ref, shipment_ref, position, carrier, service, tracking_number, tracking_url,
                whole_order, shipped_at, delivered_at, returned_at, return_reason, seq)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        case .insertShipmentLine:
            "INSERT INTO shipment_lines (order_ref, shipment_ref, position, line_ref, quantity) VALUES (?, ?, ?, ?, ?)"
        case .insertPayment:
            """
            INSERT INTO payments (order_ref, payment_ref, position, amount, refunded, method, gateway_ref, captured_at, seq)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        case .insertRefund:
            """
            INSERT INTO refunds (order_ref, refund_ref, position, payment_ref, amount, reason, refunded_at, seq)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """
        case .insertCustomer:
            """
            INSERT INTO customers (customer_ref, email, first_name, last_name, phone, company, billing_address,
                shipping_address, event_count, first_seq, last_seq, last_occurred_at, last_recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        case .insertProduct:
            """
            INSERT INTO products (sku, name, currency, price, subscription, description, active, anomaly_count,
                event_count, first_seq, last_seq, last_occurred_at, last_recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        case .insertSubscription:
            """
            INSERT INTO subscriptions (subscription_ref, complete, customer_ref, sku, currency, price, interval,
                interval_count, status, started_at, current_period_end, renewals, anomaly_count, waiting_events,
                event_count, first_seq, last_seq, last_occurred_at, last_recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        case .insertSubscriptionOrder:
            "INSERT INTO subscription_orders (subscription_ref, position, order_ref) VALUES (?, ?, ?)"
        case .insertAnomaly:
            "INSERT INTO anomalies (stream, position, seq, event_id, event_type, code, message) VALUES (?, ?, ?, ?, ?, ?, ?)"
        case .deleteOrders: "DELETE FROM orders WHERE order_ref = ?"
        case .deleteOrderLines: "DELETE FROM order_lines WHERE order_ref = ?"
        case .deleteShipments: "DELETE FROM shipments WHERE order_ref = ?"
        case .deleteShipmentLines: "DELETE FROM shipment_lines WHERE order_ref = ?"
        case .deletePayments: "DELETE FROM payments WHERE order_ref = ?"
        case .deleteRefunds: "DELETE FROM refunds WHERE order_ref = ?"
        case .deleteCustomers: "DELETE FROM customers WHERE customer_ref = ?"
        case .deleteProducts: "DELETE FROM products WHERE sku = ?"
        case .deleteSubscriptions: "DELETE FROM subscriptions WHERE subscription_ref = ?"
        case .deleteSubscriptionOrders: "DELETE FROM subscription_orders WHERE subscription_ref = ?"
        case .deleteAnomalies: "DELETE FROM anomalies WHERE stream = ?"
        }
    }
}

/// The order view scripts parse (`order --json`, documented in `Schemas/order-view.schema.json`).
/// Money is decimal text in the order's currency ("12.50"), never a binary float; null while the currency is
/// unknown (incomplete order).
extension OrderState {
    package var jsonValue: JSONValue {
        let money: (Int64) -> JSONValue = { amount in currency.map { .string($0.format(amount)) } ?? .null }
        return .object([
            "order_ref": .string(orderRef),
            "complete": .bool(isComplete),
            "customer_ref": .text(customerRef),
            "currency": .text(currency?.code),
            "placed_at": .text(placedAt?.utcText),
            "status": .text(status?.rawValue),
            "fulfilment": .string(fulfilment.rawValue),
            "cancelled_at": .text(cancelledAt?.utcText),
            "cancel_reason": .text(cancelReason),
            "lines": .array(lines.map { line in
                .object([
                    "line_ref": .string(line.lineRef),
                    "sku": .string(line.sku),
                    "description": .text(line.description),
                    "quantity": .integer(line.quantity),
                    "unit_price": money(line.unitPrice),
                    "line_total": money(line.unitPrice * Int64(line.quantity)),
                    "shipped_quantity": .integer(line.shippedQuantity),
                    "delivered_quantity": .integer(line.deliveredQuantity),
                    "returned_quantity": .integer(line.returnedQuantity),
                ])
            }),
            "totals": totalsJSON,
            "payments": .array(payments.map { payment in
                .object([
                    "payment_ref": .string(payment.paymentRef),
                    "amount": money(payment.amount),
                    "refunded": money(payment.refunded),
                    "method": .text(payment.method?.rawValue),
                    "gateway_ref": .text(payment.gatewayRef),
                    "captured_at": .string(payment.capturedAt.utcText),
                    "seq": .integer(payment.seq),
                ])
            }),
            "refunds": .array(refunds.map { refund in
                .object([
                    "refund_ref": .string(refund.refundRef),
                    "payment_ref": .string(refund.paymentRef),
                    "amount": money(refund.amount),
                    "reason": .text(refund.reason),
                    "refunded_at": .string(refund.refundedAt.utcText),
                    "seq": .integer(refund.seq),
                ])
            }),
            "shipments": .array(shipments.map { shipment in
                .object([
                    "shipment_ref": .string(shipment.shipmentRef),
                    "carrier": .string(shipment.carrier),
                    "service": .text(shipment.service),
                    "tracking_number": .text(shipment.trackingNumber),
                    "tracking_url": .text(shipment.trackingURL),
                    "whole_order": .bool(shipment.wholeOrder),
                    "lines": .array(shipment.lines.map { .object(["line_ref": .string($0.lineRef), "quantity": .integer($0.quantity)]) }),
                    "shipped_at": .string(shipment.shippedAt.utcText),
                    "delivered_at": .text(shipment.deliveredAt?.utcText),
                    "returned_at": .text(shipment.returnedAt?.utcText),
                    "return_reason": .text(shipment.returnReason),
                    "seq": .integer(shipment.seq),
                ])
            }),
            "promo_codes": .array(promoCodes.map(JSONValue.string)),
            "shipping_address": shippingAddress?.jsonValue ?? .null,
            "anomalies": .array(anomalies.map(\.jsonValue)),
            "waiting_events": .integer(waiting.count),
            "event_count": .integer(progress.eventCount),
            "first_seq": progress.firstSeq.map(JSONValue.integer) ?? .null,
            "last_seq": progress.lastSeq.map(JSONValue.integer) ?? .null,
            "last_occurred_at": .text(progress.lastApplied?.occurredAt.utcText),
            "last_recorded_at": .text(progress.lastRecordedAt?.utcText),
        ])
    }

    /// subtotal, total, paid, refunded, balance_due as decimal text (null while the currency is unknown).
    package var totalsJSON: JSONValue {
        let money: (Int64) -> JSONValue = { amount in currency.map { .string($0.format(amount)) } ?? .null }
        return .object([
            "subtotal": money(totals.subtotal),
            "shipping": money(totals.shipping),
            "tax": money(totals.tax),
            "discount": money(totals.discount),
            "total": money(totals.total),
            "paid": money(totals.paid),
            "refunded": money(totals.refunded),
            "balance_due": money(totals.balanceDue),
        ])
    }
}

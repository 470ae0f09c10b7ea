import LedgerCore

/// The human view of one order (the layout is not a contract; `--json` is).
enum OrderText {
    static func render(_ order: OrderState, phrase: String?) -> String {
        var out = "order \(order.orderRef)"
        if let phrase { out += " (\(phrase))" }
        out += "\n"
        guard order.isComplete, let currency = order.currency else {
            out += "  INCOMPLETE: order.placed has not arrived; \(order.waiting.count) event(s) wait for it (not sent to Keap)\n"
            for event in order.waiting { out += "    seq \(event.seq)  \(event.occurredAt)  \(event.type.rawValue)\n" }
            return out
        }
        let money = { (amount: Int64) in currency.format(amount) }
        out += "  customer \(order.customerRef ?? "?"), \(currency), placed \(order.placedAt.map(String.init(describing:)) ?? "?")\n"
        out += "  status \(order.status?.rawValue ?? "?"), fulfilment \(order.fulfilment.rawValue)"
        if let cancelledAt = order.cancelledAt { out += ", cancelled \(cancelledAt)" + (order.cancelReason.map { " (\($0))" } ?? "") }
        out += "\n  lines:\n"
        for line in order.lines {
            out += "    \(line.lineRef)  \(line.sku)  \(line.quantity) × \(money(line.unitPrice)) = \(money(line.unitPrice * Int64(line.quantity)))"
            if line.shippedQuantity > 0 { out += "  shipped \(line.shippedQuantity)" }
            if line.deliveredQuantity > 0 { out += ", delivered \(line.deliveredQuantity)" }
            if line.returnedQuantity > 0 { out += ", returned \(line.returnedQuantity)" }
            out += "\n"
        }
        let totals = order.totals
        out += "  subtotal \(money(totals.subtotal)), shipping \(money(totals.shipping)), tax \(money(totals.tax)), discount \(money(totals.discount))\n"
        out += "  total \(money(totals.total)), paid \(money(totals.paid)), refunded \(money(totals.refunded)), balance due \(money(totals.balanceDue))\n"
        for payment in order.payments {
            out += "  payment \(payment.paymentRef): \(money(payment.amount))\(payment.method.map { " \($0.rawValue)" } ?? "") at \(payment.capturedAt)"
            if payment.refunded > 0 { out += ", refunded \(money(payment.refunded))" }
            out += "\n"
        }
        for refund in order.refunds {
            out += "  refund \(refund.refundRef): \(money(refund.amount)) of payment \(refund.paymentRef) at \(refund.refundedAt)\n"
        }
        for shipment in order.shipments {
            out += "  shipment \(shipment.shipmentRef): \(shipment.carrier)\(shipment.service.map { " \($0)" } ?? "")"
            if let tracking = shipment.trackingNumber { out += ", tracking \(tracking)" }
            out += ", shipped \(shipment.shippedAt)"
            if let delivered = shipment.deliveredAt { out += ", delivered \(delivered)" }
            if let returned = shipment.returnedAt { out += ", returned \(returned)" }
            out += "\n"
        }
        if order.anomalies.isEmpty {
            out += "  anomalies: none\n"
        } else {
            out += "  anomalies:\n"
            for anomaly in order.anomalies { out += "    seq \(anomaly.seq) \(anomaly.code.rawValue): \(anomaly.message)\n" }
        }
        let progress = order.progress
        out += "  \(progress.eventCount) event(s), seq \(progress.firstSeq ?? 0)–\(progress.lastSeq ?? 0), last recorded \(progress.lastRecordedAt.map(String.init(describing:)) ?? "?")\n"
        return out
    }
}

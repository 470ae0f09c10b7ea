/// One order's timeline, through the same fold as everything else: one step per event in business-time order, with
/// what the event changed and the order after it (`keap-ledger history`).
package struct OrderHistory: Sendable {
    /// One event and its effect.
    package struct Step: Sendable {
        package let event: LedgerEvent
        /// What changed, in words.
        package let change: String
        /// Anomalies this event raised.
        package let anomalies: [Anomaly]
        /// The order after the event.
        package let after: OrderState
    }

    package private(set) var steps: [Step] = []

    /// Folds `events` (in fold order) step by step.
    package init(orderRef: String, events: [LedgerEvent]) {
        var state = OrderState(orderRef: orderRef)
        for event in events {
            let before = state
            state.apply(event)
            let raised = Array(state.anomalies.dropFirst(before.anomalies.count))
            steps.append(Step(event: event, change: OrderHistory.describe(event, before: before, after: state), anomalies: raised, after: state))
        }
    }

    static func describe(_ event: LedgerEvent, before: OrderState, after: OrderState) -> String {
        if !after.isComplete { return "\(event.type.rawValue): held until order.placed arrives" }
        let currency = after.currency
        let money: (Int64) -> String = { amount in currency.map { $0.format(amount) } ?? String(amount) }
        var text: String
        switch event.payload {
        case .orderPlaced(let placed):
            if before.isComplete { text = "order.placed again" } else {
                text = "placed by \(placed.customerRef): \(after.lines.count) line(s), total \(money(after.totals.total)) \(placed.currency)"
                if !before.waiting.isEmpty { text += "; \(before.waiting.count) earlier event(s) applied" }
            }
        case .orderLineAdded(_, let line):
            text = "line \(line.lineRef) added: \(line.sku) × \(line.quantity) at \(line.unitPrice)"
        case .orderLineChanged(let change):
            let old = before.lineIndex(change.lineRef).map { before.lines[$0] }
            if change.quantity == 0 {
                text = "line \(change.lineRef) removed (quantity 0)"
            } else {
                var parts: [String] = []
                if let quantity = change.quantity { parts.append("quantity \(old.map { String($0.quantity) } ?? "?") → \(quantity)") }
                if let price = change.unitPrice { parts.append("unit price \(old.map { money($0.unitPrice) } ?? "?") → \(price)") }
                text = "line \(change.lineRef): " + parts.joined(separator: ", ")
            }
        case .orderLineRemoved(_, let lineRef):
            text = "line \(lineRef) removed"
        case .orderChargesChanged(let charges):
            var parts: [String] = []
            if let shipping = charges.shipping { parts.append("shipping \(money(before.totals.shipping)) → \(shipping)") }
            if let tax = charges.tax { parts.append("tax \(money(before.totals.tax)) → \(tax)") }
            if let discount = charges.discount { parts.append("discount \(money(before.totals.discount)) → \(discount)") }
            text = parts.joined(separator: ", ")
        case .orderStatusChanged(_, let status):
            text = "status \(before.status?.rawValue ?? "none") → \(status.rawValue)"
        case .orderCancelled(_, let reason):
            text = "cancelled" + (reason.map { ": \($0)" } ?? "")
        case .shipmentShipped(let shipped):
            text = "shipment \(shipped.shipmentRef) shipped via \(shipped.carrier)"
            if let tracking = shipped.trackingNumber { text += ", tracking \(tracking)" }
            text += shipped.lines == nil ? " (whole order)" : " (" + (shipped.lines ?? []).map { "line \($0.lineRef) × \($0.quantity)" }.joined(separator: ", ") + ")"
        case .shipmentDelivered(_, let shipmentRef):
            text = "shipment \(shipmentRef) delivered"
        case .shipmentReturned(_, let shipmentRef, let reason):
            text = "shipment \(shipmentRef) returned" + (reason.map { ": \($0)" } ?? "")
        case .paymentCaptured(let payment):
            text = "payment \(payment.paymentRef) captured: \(payment.amount)" + (payment.method.map { " (\($0.rawValue))" } ?? "")
        case .paymentRefunded(let refund):
            text = "refund \(refund.refundRef) of \(refund.amount) against payment \(refund.paymentRef)"
        case .customerUpserted, .productUpserted, .subscriptionStarted, .subscriptionRenewed, .subscriptionStatusChanged:
            text = event.type.rawValue
        }
        if after.fulfilment != before.fulfilment, before.isComplete {
            text += "; fulfilment \(before.fulfilment.rawValue) → \(after.fulfilment.rawValue)"
        }
        return text
    }
}

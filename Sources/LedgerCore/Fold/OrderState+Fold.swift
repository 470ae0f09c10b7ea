/// The order fold: `(OrderState, LedgerEvent) -> OrderState`, applied in `(occurred_at, seq)` order.
///
/// Facts that contradict the order are applied where they still make sense and always recorded as anomalies; an
/// event whose amounts cannot be read in the order's currency is ignored (and recorded). Nothing traps.
extension OrderState: StartGatedFold {
    static var startType: EventType { .orderPlaced }

    mutating func start(with event: LedgerEvent) {
        guard case .orderPlaced(let placed) = event.payload else { return }
        place(placed, event: event)
    }

    package mutating func apply(_ event: LedgerEvent) {
        applyGated(event)
    }

    private mutating func place(_ placed: OrderPlaced, event: LedgerEvent) {
        var lines: [OrderLine] = []
        for input in placed.lines {
            guard let price = placed.currency.minorUnits(of: input.unitPrice),
                  !price.multipliedReportingOverflow(by: Int64(input.quantity)).overflow else {
                anomalies.append(Anomaly(event: event, code: .amountOutOfRange, message: "line \(input.lineRef): \(input.quantity) × \(input.unitPrice) is too large; line ignored"))
                continue
            }
            lines.append(OrderLine(lineRef: input.lineRef, sku: input.sku, quantity: input.quantity, unitPrice: price, description: input.description))
        }
        var next = self
        next.isComplete = true
        next.customerRef = placed.customerRef
        next.currency = placed.currency
        next.placedAt = event.occurredAt
        next.lines = lines
        next.promoCodes = placed.promoCodes
        next.shippingAddress = placed.shippingAddress
        // Absent charges are 0; a given one that does not convert (too large) makes the whole set unusable.
        var chargesFit = true
        func charge(_ amount: DecimalAmount?) -> Int64 {
            guard let amount else { return 0 }
            guard let minor = placed.currency.minorUnits(of: amount) else {
                chargesFit = false
                return 0
            }
            return minor
        }
        next.totals.shipping = charge(placed.shipping)
        next.totals.tax = charge(placed.tax)
        next.totals.discount = charge(placed.discount)
        if !chargesFit || !next.recomputeTotals() {
            anomalies.append(Anomaly(event: event, code: .amountOutOfRange, message: "the order's amounts do not fit in 64-bit minor units; charges set to 0"))
            next.totals.shipping = 0
            next.totals.tax = 0
            next.totals.discount = 0
            _ = next.recomputeTotals()
        }
        next.anomalies = anomalies
        self = next
        flagNegativeTotal(after: event, wasNegative: false)
    }

    /// Applies one event to a placed order; if the resulting amounts overflow, keeps the order as it was.
    mutating func change(with event: LedgerEvent) {
        guard let currency else { return }
        let wasNegative = totals.total < 0
        var next = self
        next.flagIfCancelled(event)
        next.change(by: event, currency: currency)
        if next.recomputeTotals() {
            self = next
            flagNegativeTotal(after: event, wasNegative: wasNegative)
        } else {
            anomalies.append(Anomaly(event: event, code: .amountOutOfRange, message: "\(event.type.rawValue) would take the order's amounts beyond 64-bit minor units; ignored"))
        }
    }

    private mutating func flagIfCancelled(_ event: LedgerEvent) {
        guard let cancelledAt else { return }
        let isChange: Bool = switch event.payload {
        case .orderLineAdded, .orderLineChanged, .orderLineRemoved, .orderChargesChanged, .shipmentShipped, .paymentCaptured: true
        case .orderStatusChanged(_, let status): status != .cancelled
        default: false
        }
        if isChange {
            anomalies.append(Anomaly(event: event, code: .afterCancellation, message: "\(event.type.rawValue) at \(event.occurredAt) after the order was cancelled (\(cancelledAt)); applied"))
        }
    }

    private mutating func flagNegativeTotal(after event: LedgerEvent, wasNegative: Bool) {
        guard !wasNegative, totals.total < 0, let currency else { return }
        anomalies.append(Anomaly(event: event, code: .negativeTotal, message: "the order total is now \(currency.format(totals.total)) \(currency): the discount (\(currency.format(totals.discount))) exceeds the rest of the order"))
    }

    /// Reads `amount` in the order's currency, or records why it cannot be.
    private mutating func read(_ amount: DecimalAmount, _ what: String, currency: Currency, event: LedgerEvent) -> Int64? {
        if let minor = currency.minorUnits(of: amount) { return minor }
        if amount.writtenDecimalPlaces > currency.minorUnits {
            anomalies.append(Anomaly(event: event, code: .amountPrecision, message: "\(what) \(amount) has \(amount.writtenDecimalPlaces) decimals; \(currency) has \(currency.minorUnits); \(event.type.rawValue) ignored"))
        } else {
            anomalies.append(Anomaly(event: event, code: .amountOutOfRange, message: "\(what) \(amount) is too large; \(event.type.rawValue) ignored"))
        }
        return nil
    }

    private mutating func change(by event: LedgerEvent, currency: Currency) {
        switch event.payload {
        case .orderPlaced(let placed):
            if placed.currency != currency {
                anomalies.append(Anomaly(event: event, code: .currencyMismatch, message: "order.placed again in \(placed.currency), but the order is in \(currency); ignored"))
            }
            anomalies.append(Anomaly(event: event, code: .startedAgain, message: "order.placed again (first placed at \(placedAt.map(String.init(describing:)) ?? "?")); ignored"))

        case .orderLineAdded(_, let input):
            if lineIndex(input.lineRef) != nil {
                anomalies.append(Anomaly(event: event, code: .lineExists, message: "line \(input.lineRef) already exists; order.line_added ignored"))
                return
            }
            guard let price = read(input.unitPrice, "unit price of line \(input.lineRef)", currency: currency, event: event) else { return }
            lines.append(OrderLine(lineRef: input.lineRef, sku: input.sku, quantity: input.quantity, unitPrice: price, description: input.description))

        case .orderLineChanged(let change):
            guard let index = lineIndex(change.lineRef) else {
                anomalies.append(Anomaly(event: event, code: .unknownLine, message: "line \(change.lineRef) is not on the order; order.line_changed ignored"))
                return
            }
            var price: Int64?
            if let unitPrice = change.unitPrice {
                guard let minor = read(unitPrice, "unit price of line \(change.lineRef)", currency: currency, event: event) else { return }
                price = minor
            }
            if change.quantity == 0 {
                lines.remove(at: index)
                return
            }
            if let quantity = change.quantity { lines[index].quantity = quantity }
            if let price { lines[index].unitPrice = price }

        case .orderLineRemoved(_, let lineRef):
            guard let index = lineIndex(lineRef) else {
                anomalies.append(Anomaly(event: event, code: .unknownLine, message: "line \(lineRef) is not on the order; order.line_removed ignored"))
                return
            }
            lines.remove(at: index)

        case .orderChargesChanged(let charges):
            var shipping = totals.shipping, tax = totals.tax, discount = totals.discount
            if let amount = charges.shipping {
                guard let minor = read(amount, "shipping", currency: currency, event: event) else { return }
                shipping = minor
            }
            if let amount = charges.tax {
                guard let minor = read(amount, "tax", currency: currency, event: event) else { return }
                tax = minor
            }
            if let amount = charges.discount {
                guard let minor = read(amount, "discount", currency: currency, event: event) else { return }
                discount = minor
            }
            totals.shipping = shipping
            totals.tax = tax
            totals.discount = discount

        case .orderStatusChanged(_, let status):
            reportedStatus = status
            if status == .cancelled, cancelledAt == nil { cancelledAt = event.occurredAt }

        case .orderCancelled(_, let reason):
            reportedStatus = .cancelled
            if cancelledAt == nil { cancelledAt = event.occurredAt }
            if let reason { cancelReason = reason }

        case .shipmentShipped(let shipped):
            ship(shipped, event: event)

        case .shipmentDelivered(_, let shipmentRef):
            guard let index = shipmentIndex(shipmentRef) else {
                anomalies.append(Anomaly(event: event, code: .unknownShipment, message: "shipment \(shipmentRef) is not on the order; shipment.delivered ignored"))
                return
            }
            if shipments[index].deliveredAt == nil { shipments[index].deliveredAt = event.occurredAt }

        case .shipmentReturned(_, let shipmentRef, let reason):
            guard let index = shipmentIndex(shipmentRef) else {
                anomalies.append(Anomaly(event: event, code: .unknownShipment, message: "shipment \(shipmentRef) is not on the order; shipment.returned ignored"))
                return
            }
            if shipments[index].returnedAt == nil { shipments[index].returnedAt = event.occurredAt }
            if let reason { shipments[index].returnReason = reason }

        case .paymentCaptured(let captured):
            if paymentIndex(captured.paymentRef) != nil {
                anomalies.append(Anomaly(event: event, code: .paymentExists, message: "payment \(captured.paymentRef) was already captured; this capture is ignored"))
                return
            }
            guard let amount = read(captured.amount, "payment \(captured.paymentRef) amount", currency: currency, event: event) else { return }
            payments.append(Payment(paymentRef: captured.paymentRef, amount: amount, method: captured.method, gatewayRef: captured.gatewayRef, capturedAt: event.occurredAt, seq: event.seq))
            guard recomputeTotals() else { return }
            if totals.paid - totals.refunded > totals.total {
                anomalies.append(Anomaly(event: event, code: .paidMoreThanTotal, message: "payments net of refunds (\(currency.format(totals.paid - totals.refunded))) exceed the order total (\(currency.format(totals.total))) after payment \(captured.paymentRef)"))
            }

        case .paymentRefunded(let refunded):
            if refunds.contains(where: { $0.refundRef.utf8.elementsEqual(refunded.refundRef.utf8) }) {
                anomalies.append(Anomaly(event: event, code: .refundExists, message: "refund \(refunded.refundRef) was already recorded; this one is ignored"))
                return
            }
            guard let amount = read(refunded.amount, "refund \(refunded.refundRef) amount", currency: currency, event: event) else { return }
            refunds.append(Refund(refundRef: refunded.refundRef, paymentRef: refunded.paymentRef, amount: amount, reason: refunded.reason, refundedAt: event.occurredAt, seq: event.seq))
            guard let index = paymentIndex(refunded.paymentRef) else {
                anomalies.append(Anomaly(event: event, code: .refundUnknownPayment, message: "refund \(refunded.refundRef) of \(currency.format(amount)) is against payment \(refunded.paymentRef), which the order does not have; recorded"))
                return
            }
            let (sum, overflow) = payments[index].refunded.addingReportingOverflow(amount)
            payments[index].refunded = overflow ? Int64.max : sum
            if overflow || sum > payments[index].amount {
                anomalies.append(Anomaly(event: event, code: .refundExceedsPayment, message: "refunds of payment \(refunded.paymentRef) (\(overflow ? "too large" : currency.format(sum))) exceed what it captured (\(currency.format(payments[index].amount))); recorded"))
            }

        case .customerUpserted, .productUpserted, .subscriptionStarted, .subscriptionRenewed, .subscriptionStatusChanged:
            // Not order events: the projector routes events by stream, so these never reach an order.
            break
        }
    }

    private mutating func ship(_ shipped: ShipmentShipped, event: LedgerEvent) {
        if shipmentIndex(shipped.shipmentRef) != nil {
            anomalies.append(Anomaly(event: event, code: .shipmentExists, message: "shipment \(shipped.shipmentRef) was already shipped; this one is ignored"))
            return
        }
        var shipmentLines: [ShipmentLineInput] = []
        if let given = shipped.lines {
            for line in given {
                shipmentLines.append(line)
                guard let index = lineIndex(line.lineRef) else {
                    anomalies.append(Anomaly(event: event, code: .shipmentUnknownLine, message: "shipment \(shipped.shipmentRef) names line \(line.lineRef), which the order does not have"))
                    continue
                }
                let total = lines[index].shippedQuantity + line.quantity
                if total > lines[index].quantity {
                    anomalies.append(Anomaly(event: event, code: .shippedMoreThanOrdered, message: "shipment \(shipped.shipmentRef) brings line \(line.lineRef) to \(total) shipped of \(lines[index].quantity) ordered"))
                }
            }
        } else {
            // The whole order: whatever of each line has not shipped yet.
            for line in lines where line.shippedQuantity < line.quantity {
                shipmentLines.append(ShipmentLineInput(lineRef: line.lineRef, quantity: line.quantity - line.shippedQuantity))
            }
            if shipmentLines.isEmpty {
                anomalies.append(Anomaly(event: event, code: .shippedMoreThanOrdered, message: "shipment \(shipped.shipmentRef) ships the whole order, but every line had already shipped"))
            }
        }
        shipments.append(Shipment(
            shipmentRef: shipped.shipmentRef, carrier: shipped.carrier, service: shipped.service,
            trackingNumber: shipped.trackingNumber, trackingURL: shipped.trackingURL, wholeOrder: shipped.lines == nil,
            lines: shipmentLines, shippedAt: event.occurredAt, seq: event.seq
        ))
    }

    /// Recomputes line quantities from shipments and the totals from lines, charges and payments.
    /// Returns false (leaving the totals unusable) when an amount overflows 64 bits.
    mutating func recomputeTotals() -> Bool {
        recomputeLineQuantities()
        var checked = CheckedSum()
        for line in lines {
            let extended = checked.product(line.unitPrice, Int64(line.quantity))
            checked.add(extended)
        }
        let subtotal = checked.value
        checked.add(totals.shipping)
        checked.add(totals.tax)
        checked.subtract(totals.discount)
        let total = checked.value
        var paid = CheckedSum()
        for payment in payments { paid.add(payment.amount) }
        var refunded = CheckedSum()
        for refund in refunds { refunded.add(refund.amount) }
        var balance = CheckedSum(total)
        balance.subtract(paid.value)
        balance.add(refunded.value)
        guard !checked.overflowed, !paid.overflowed, !refunded.overflowed, !balance.overflowed else { return false }
        totals.subtotal = subtotal
        totals.total = total
        totals.paid = paid.value
        totals.refunded = refunded.value
        totals.balanceDue = balance.value
        return true
    }

    /// Recomputes each line's shipped, delivered and returned quantities from the shipments. The sums are made aside
    /// and a line is written only when one of its quantities changes: `change(with:)` folds into a copy of the
    /// state, whose `lines` are shared with the original until written, so writing unchanged values copied every
    /// line of the order for every event.
    private mutating func recomputeLineQuantities() {
        withUnsafeTemporaryAllocation(of: (shipped: Int, delivered: Int, returned: Int).self, capacity: lines.count) { sums in
            _ = sums.initialize(from: repeatElement((shipped: 0, delivered: 0, returned: 0), count: lines.count))
            for shipment in shipments {
                for entry in shipment.lines {
                    guard let index = lineIndex(entry.lineRef) else { continue }
                    if shipment.returnedAt != nil {
                        sums[index].returned += entry.quantity
                    } else {
                        sums[index].shipped += entry.quantity
                        if shipment.deliveredAt != nil { sums[index].delivered += entry.quantity }
                    }
                }
            }
            for index in lines.indices {
                let sum = sums[index]
                if lines[index].shippedQuantity != sum.shipped || lines[index].deliveredQuantity != sum.delivered
                    || lines[index].returnedQuantity != sum.returned {
                    lines[index].shippedQuantity = sum.shipped
                    lines[index].deliveredQuantity = sum.delivered
                    lines[index].returnedQuantity = sum.returned
                }
            }
        }
    }
}

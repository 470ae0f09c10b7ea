/// Order, shipment and payment events: the `order/<order_ref>` stream.
extension FeedValidator {
    static let quantityLimit = 1_000_000

    static func validateOrderPlaced(_ data: FieldReader) throws(FeedViolation) -> EventPayload {
        let orderRef = try data.reference("order_ref")
        let customerRef = try data.reference("customer_ref")
        let currency = try data.currency("currency")
        let lineElements = try data.array("lines")
        if lineElements.isEmpty { throw data.violation("lines", "must hold at least one line") }
        var lines: [OrderLineInput] = []
        lines.reserveCapacity(lineElements.count)
        for element in lineElements {
            let reader = try FieldReader.element(element)
            let line = try validateLine(reader, currency: currency)
            // Refs compare code point by code point, not by Swift's canonical equivalence.
            if lines.contains(where: { $0.lineRef.utf8.elementsEqual(line.lineRef.utf8) }) {
                throw reader.violation("line_ref", "repeats line_ref \(FieldReader.render(.string(line.lineRef))); line refs must be unique within the order")
            }
            lines.append(line)
        }
        let shipping = try data.optionalMoney("shipping", currency: currency)
        let tax = try data.optionalMoney("tax", currency: currency)
        let discount = try data.optionalMoney("discount", currency: currency)
        var promoCodes: [String] = []
        if let codes = try data.optionalArray("promo_codes") {
            for code in codes {
                guard case .string(let text) = code.value else {
                    throw FeedViolation(field: code.path, reason: "must be a string; found \(FieldReader.render(code.value))")
                }
                promoCodes.append(text)
            }
        }
        return .orderPlaced(OrderPlaced(
            orderRef: orderRef, customerRef: customerRef, currency: currency, lines: lines,
            shipping: shipping, tax: tax, discount: discount, promoCodes: promoCodes,
            shippingAddress: try validateAddress(data.optionalObject("shipping_address"))
        ))
    }

    /// `{line_ref, sku, quantity, unit_price, description?}`.
    static func validateLine(_ line: FieldReader, currency: Currency?) throws(FeedViolation) -> OrderLineInput {
        OrderLineInput(
            lineRef: try line.reference("line_ref"),
            sku: try line.reference("sku"),
            quantity: try line.integer("quantity", in: 1...quantityLimit),
            unitPrice: try line.money("unit_price", currency: currency),
            description: try line.optionalString("description")
        )
    }

    static func validateOrderLineAdded(_ data: FieldReader) throws(FeedViolation) -> EventPayload {
        let orderRef = try data.reference("order_ref")
        // No currency on this event: decimal places are checked against the order's when projected.
        return .orderLineAdded(orderRef: orderRef, line: try validateLine(data.object("line"), currency: nil))
    }

    static func validateOrderLineChanged(_ data: FieldReader) throws(FeedViolation) -> EventPayload {
        let orderRef = try data.reference("order_ref")
        let lineRef = try data.reference("line_ref")
        let quantity = try data.optionalInteger("quantity", in: 0...quantityLimit)
        let unitPrice = try data.optionalMoney("unit_price", currency: nil)
        if quantity == nil, unitPrice == nil {
            throw FeedViolation(field: data.path, reason: "must change something: give quantity, unit_price or both")
        }
        return .orderLineChanged(OrderLineChanged(orderRef: orderRef, lineRef: lineRef, quantity: quantity, unitPrice: unitPrice))
    }

    static func validateOrderLineRemoved(_ data: FieldReader) throws(FeedViolation) -> EventPayload {
        .orderLineRemoved(orderRef: try data.reference("order_ref"), lineRef: try data.reference("line_ref"))
    }

    static func validateOrderChargesChanged(_ data: FieldReader) throws(FeedViolation) -> EventPayload {
        let orderRef = try data.reference("order_ref")
        let shipping = try data.optionalMoney("shipping", currency: nil)
        let tax = try data.optionalMoney("tax", currency: nil)
        let discount = try data.optionalMoney("discount", currency: nil)
        if shipping == nil, tax == nil, discount == nil {
            throw FeedViolation(field: data.path, reason: "must change something: give shipping, tax, discount or several")
        }
        return .orderChargesChanged(OrderChargesChanged(orderRef: orderRef, shipping: shipping, tax: tax, discount: discount))
    }

    static func validateOrderStatusChanged(_ data: FieldReader) throws(FeedViolation) -> EventPayload {
        .orderStatusChanged(orderRef: try data.reference("order_ref"), status: try data.choice("status", OrderStatus.self))
    }

    static func validateOrderCancelled(_ data: FieldReader) throws(FeedViolation) -> EventPayload {
        .orderCancelled(orderRef: try data.reference("order_ref"), reason: try data.optionalString("reason"))
    }

    static func validateShipmentShipped(_ data: FieldReader) throws(FeedViolation) -> EventPayload {
        let orderRef = try data.reference("order_ref")
        let shipmentRef = try data.reference("shipment_ref")
        let carrier = try data.text("carrier")
        let service = try data.optionalString("service")
        let trackingNumber = try data.optionalString("tracking_number")
        let trackingURL = try data.optionalString("tracking_url")
        var lines: [ShipmentLineInput]?
        if let elements = try data.optionalArray("lines") {
            if elements.isEmpty {
                throw data.violation("lines", "must not be empty; omit lines (or send null) when the whole order shipped")
            }
            var shipped: [ShipmentLineInput] = []
            for element in elements {
                let line = try FieldReader.element(element)
                shipped.append(ShipmentLineInput(
                    lineRef: try line.reference("line_ref"),
                    quantity: try line.integer("quantity", in: 1...quantityLimit)
                ))
            }
            lines = shipped
        }
        return .shipmentShipped(ShipmentShipped(
            orderRef: orderRef, shipmentRef: shipmentRef, carrier: carrier, service: service,
            trackingNumber: trackingNumber, trackingURL: trackingURL, lines: lines
        ))
    }

    static func validateShipmentDeliveredOrReturned(_ data: FieldReader, type: EventType) throws(FeedViolation) -> EventPayload {
        let orderRef = try data.reference("order_ref")
        let shipmentRef = try data.reference("shipment_ref")
        if type == .shipmentReturned {
            return .shipmentReturned(orderRef: orderRef, shipmentRef: shipmentRef, reason: try data.optionalString("reason"))
        }
        return .shipmentDelivered(orderRef: orderRef, shipmentRef: shipmentRef)
    }

    static func validatePaymentCaptured(_ data: FieldReader) throws(FeedViolation) -> EventPayload {
        .paymentCaptured(PaymentCaptured(
            orderRef: try data.reference("order_ref"),
            paymentRef: try data.reference("payment_ref"),
            amount: try data.money("amount", currency: nil),
            method: try data.optionalChoice("method", PaymentMethod.self),
            gatewayRef: try data.optionalString("gateway_ref")
        ))
    }

    static func validatePaymentRefunded(_ data: FieldReader) throws(FeedViolation) -> EventPayload {
        .paymentRefunded(PaymentRefunded(
            orderRef: try data.reference("order_ref"),
            paymentRef: try data.reference("payment_ref"),
            refundRef: try data.reference("refund_ref"),
            amount: try data.money("amount", currency: nil),
            reason: try data.optionalString("reason")
        ))
    }
}

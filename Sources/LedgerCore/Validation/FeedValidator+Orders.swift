/// Order, shipment and payment events: the `order/<order_ref>` stream.
extension FeedValidator {
    static let orderStatuses = ["pending", "processing", "on_hold", "shipped", "partially_shipped", "delivered", "cancelled", "returned"]
    static let paymentMethods = ["card", "paypal", "bank", "cash", "check", "other"]
    static let quantityLimit = 1_000_000

    static func validateOrderPlaced(_ data: FieldReader) throws(FeedViolation) -> String {
        let orderRef = try data.reference("order_ref")
        _ = try data.reference("customer_ref")
        let currency = try data.currency("currency")
        let lines = try data.array("lines")
        if lines.isEmpty { throw data.violation("lines", "must hold at least one line") }
        var seenLineRefs: [String] = []
        for element in lines {
            let line = try FieldReader.element(element)
            let lineRef = try validateLine(line, currency: currency)
            // Refs compare code point by code point, not by Swift's canonical equivalence.
            if seenLineRefs.contains(where: { $0.utf8.elementsEqual(lineRef.utf8) }) {
                throw line.violation("line_ref", "repeats line_ref \(FieldReader.render(.string(lineRef))); line refs must be unique within the order")
            }
            seenLineRefs.append(lineRef)
        }
        for key in ["shipping", "tax", "discount"] { _ = try data.optionalMoney(key, currency: currency) }
        if let codes = try data.optionalArray("promo_codes") {
            for code in codes {
                guard case .string = code.value else {
                    throw FeedViolation(field: code.path, reason: "must be a string; found \(FieldReader.render(code.value))")
                }
            }
        }
        try validateAddress(data.optionalObject("shipping_address"))
        return orderRef
    }

    /// `{line_ref, sku, quantity, unit_price, description?}`; returns the line ref.
    static func validateLine(_ line: FieldReader, currency: Currency?) throws(FeedViolation) -> String {
        let lineRef = try line.reference("line_ref")
        _ = try line.reference("sku")
        _ = try line.integer("quantity", in: 1...quantityLimit)
        _ = try line.money("unit_price", currency: currency)
        _ = try line.optionalString("description")
        return lineRef
    }

    static func validateOrderLineAdded(_ data: FieldReader) throws(FeedViolation) -> String {
        let orderRef = try data.reference("order_ref")
        // No currency on this event: decimal places are checked against the order's when projected.
        _ = try validateLine(data.object("line"), currency: nil)
        return orderRef
    }

    static func validateOrderLineChanged(_ data: FieldReader) throws(FeedViolation) -> String {
        let orderRef = try data.reference("order_ref")
        _ = try data.reference("line_ref")
        let quantity = try data.optionalInteger("quantity", in: 0...quantityLimit)
        let unitPrice = try data.optionalMoney("unit_price", currency: nil)
        if quantity == nil, unitPrice == nil {
            throw FeedViolation(field: data.path, reason: "must change something: give quantity, unit_price or both")
        }
        return orderRef
    }

    static func validateOrderLineRemoved(_ data: FieldReader) throws(FeedViolation) -> String {
        let orderRef = try data.reference("order_ref")
        _ = try data.reference("line_ref")
        return orderRef
    }

    static func validateOrderChargesChanged(_ data: FieldReader) throws(FeedViolation) -> String {
        let orderRef = try data.reference("order_ref")
        var given = 0
        for key in ["shipping", "tax", "discount"] where try data.optionalMoney(key, currency: nil) != nil { given += 1 }
        if given == 0 {
            throw FeedViolation(field: data.path, reason: "must change something: give shipping, tax, discount or several")
        }
        return orderRef
    }

    static func validateOrderStatusChanged(_ data: FieldReader) throws(FeedViolation) -> String {
        let orderRef = try data.reference("order_ref")
        _ = try data.choice("status", orderStatuses)
        return orderRef
    }

    static func validateOrderCancelled(_ data: FieldReader) throws(FeedViolation) -> String {
        let orderRef = try data.reference("order_ref")
        _ = try data.optionalString("reason")
        return orderRef
    }

    static func validateShipmentShipped(_ data: FieldReader) throws(FeedViolation) -> String {
        let orderRef = try data.reference("order_ref")
        _ = try data.reference("shipment_ref")
        _ = try data.text("carrier")
        for key in ["service", "tracking_number", "tracking_url"] { _ = try data.optionalString(key) }
        if let lines = try data.optionalArray("lines") {
            if lines.isEmpty {
                throw data.violation("lines", "must not be empty; omit lines (or send null) when the whole order shipped")
            }
            for element in lines {
                let line = try FieldReader.element(element)
                _ = try line.reference("line_ref")
                _ = try line.integer("quantity", in: 1...quantityLimit)
            }
        }
        return orderRef
    }

    static func validateShipmentDeliveredOrReturned(_ data: FieldReader, type: EventType) throws(FeedViolation) -> String {
        let orderRef = try data.reference("order_ref")
        _ = try data.reference("shipment_ref")
        if type == .shipmentReturned { _ = try data.optionalString("reason") }
        return orderRef
    }

    static func validatePaymentCaptured(_ data: FieldReader) throws(FeedViolation) -> String {
        let orderRef = try data.reference("order_ref")
        _ = try data.reference("payment_ref")
        _ = try data.money("amount", currency: nil)
        _ = try data.optionalChoice("method", paymentMethods)
        _ = try data.optionalString("gateway_ref")
        return orderRef
    }

    static func validatePaymentRefunded(_ data: FieldReader) throws(FeedViolation) -> String {
        let orderRef = try data.reference("order_ref")
        _ = try data.reference("payment_ref")
        _ = try data.reference("refund_ref")
        _ = try data.money("amount", currency: nil)
        _ = try data.optionalString("reason")
        return orderRef
    }
}

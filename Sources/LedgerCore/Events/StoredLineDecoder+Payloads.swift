/// One reader per event type, mirroring `FeedValidator+Orders/Parties/Subscriptions`: the same keys, the same value
/// types, `null` as absent where the validator allows it. Keys a type does not read are stepped over, as the
/// validator ignores them; a required field that is missing returns nil (the validator would have refused the line,
/// so the caller's fallback names the damage).
extension StoredLineDecoder {
    static func payload(of type: EventType, from reader: inout TrustedJSONReader) -> EventPayload? {
        guard reader.beginObject() else { return nil }
        let payload: EventPayload? = switch type {
        case .customerUpserted: customerUpserted(&reader)
        case .productUpserted: productUpserted(&reader)
        case .orderPlaced: orderPlaced(&reader)
        case .orderLineAdded: orderLineAdded(&reader)
        case .orderLineChanged: orderLineChanged(&reader)
        case .orderLineRemoved, .orderStatusChanged, .orderCancelled, .shipmentDelivered, .shipmentReturned:
            orderReference(type, &reader)
        case .orderChargesChanged: orderChargesChanged(&reader)
        case .shipmentShipped: shipmentShipped(&reader)
        case .paymentCaptured, .paymentRefunded: payment(type, &reader)
        case .subscriptionStarted: subscriptionStarted(&reader)
        case .subscriptionRenewed, .subscriptionStatusChanged: subscriptionChange(type, &reader)
        }
        return reader.failed ? nil : payload
    }

    // MARK: - Parties

    private static func customerUpserted(_ reader: inout TrustedJSONReader) -> EventPayload? {
        var customerRef: String?, email: String?, firstName: String?, lastName: String?, phone: String?, company: String?
        var billing: PostalAddress?, shipping: PostalAddress?
        var first = true
        while let key = reader.nextKey(first: &first) {
            if key.is("customer_ref") { customerRef = reader.string() }
            else if key.is("email") { email = reader.string() }
            else if key.is("first_name") { firstName = reader.optionalString() }
            else if key.is("last_name") { lastName = reader.optionalString() }
            else if key.is("phone") { phone = reader.optionalString() }
            else if key.is("company") { company = reader.optionalString() }
            else if key.is("billing_address") { billing = optionalAddress(&reader) }
            else if key.is("shipping_address") { shipping = optionalAddress(&reader) }
            else { reader.skipValue() }
        }
        guard let customerRef, let email else { return nil }
        return .customerUpserted(CustomerUpserted(
            customerRef: customerRef, email: email, firstName: firstName, lastName: lastName, phone: phone,
            company: company, billingAddress: billing, shippingAddress: shipping))
    }

    private static func productUpserted(_ reader: inout TrustedJSONReader) -> EventPayload? {
        var sku: String?, name: String?, price: DecimalAmount?, currency: Currency?, subscription: Bool?
        var description: String?, active: Bool?
        var first = true
        while let key = reader.nextKey(first: &first) {
            if key.is("sku") { sku = reader.string() }
            else if key.is("name") { name = reader.string() }
            else if key.is("price") { price = reader.money() }
            else if key.is("currency") { currency = reader.currency() }
            else if key.is("subscription") { subscription = reader.optionalBool() }
            else if key.is("description") { description = reader.optionalString() }
            else if key.is("active") { active = reader.optionalBool() }
            else { reader.skipValue() }
        }
        guard let sku, let name, let price, let currency else { return nil }
        return .productUpserted(ProductUpserted(
            sku: sku, name: name, price: price, currency: currency, subscription: subscription,
            description: description, active: active))
    }

    private static func optionalAddress(_ reader: inout TrustedJSONReader) -> PostalAddress? {
        if reader.null() { return nil }
        guard reader.beginObject() else { return nil }
        var line1: String?, line2: String?, city: String?, region: String?, postalCode: String?, country: String?
        var first = true
        while let key = reader.nextKey(first: &first) {
            if key.is("line1") { line1 = reader.string() }
            else if key.is("line2") { line2 = reader.optionalString() }
            else if key.is("city") { city = reader.string() }
            else if key.is("region") { region = reader.optionalString() }
            else if key.is("postal_code") { postalCode = reader.optionalString() }
            else if key.is("country_code") { country = reader.string() }
            else { reader.skipValue() }
        }
        guard let line1, let city, let country else {
            reader.fail()
            return nil
        }
        return PostalAddress(line1: line1, line2: line2, city: city, region: region, postalCode: postalCode, countryCode: country)
    }

    // MARK: - Orders

    private static func orderPlaced(_ reader: inout TrustedJSONReader) -> EventPayload? {
        var orderRef: String?, customerRef: String?, currency: Currency?, lines: [OrderLineInput]?
        var shipping: DecimalAmount?, tax: DecimalAmount?, discount: DecimalAmount?, promoCodes: [String] = []
        var address: PostalAddress?
        var first = true
        while let key = reader.nextKey(first: &first) {
            if key.is("order_ref") { orderRef = reader.string() }
            else if key.is("customer_ref") { customerRef = reader.string() }
            else if key.is("currency") { currency = reader.currency() }
            else if key.is("lines") {
                guard reader.beginArray() else { return nil }
                var decoded: [OrderLineInput] = []
                var firstLine = true
                while reader.nextElement(first: &firstLine) {
                    guard let line = orderLine(&reader) else { return nil }
                    decoded.append(line)
                }
                lines = decoded
            }
            else if key.is("shipping") { shipping = reader.optionalMoney() }
            else if key.is("tax") { tax = reader.optionalMoney() }
            else if key.is("discount") { discount = reader.optionalMoney() }
            else if key.is("promo_codes") {
                if !reader.null() {
                    guard reader.beginArray() else { return nil }
                    var firstCode = true
                    while reader.nextElement(first: &firstCode) {
                        guard let code = reader.string() else { return nil }
                        promoCodes.append(code)
                    }
                }
            }
            else if key.is("shipping_address") { address = optionalAddress(&reader) }
            else { reader.skipValue() }
        }
        guard let orderRef, let customerRef, let currency, let lines else { return nil }
        return .orderPlaced(OrderPlaced(
            orderRef: orderRef, customerRef: customerRef, currency: currency, lines: lines, shipping: shipping,
            tax: tax, discount: discount, promoCodes: promoCodes, shippingAddress: address))
    }

    private static func orderLine(_ reader: inout TrustedJSONReader) -> OrderLineInput? {
        guard reader.beginObject() else { return nil }
        var lineRef: String?, sku: String?, quantity: Int?, unitPrice: DecimalAmount?, description: String?
        var first = true
        while let key = reader.nextKey(first: &first) {
            if key.is("line_ref") { lineRef = reader.string() }
            else if key.is("sku") { sku = reader.string() }
            else if key.is("quantity") { quantity = reader.integer() }
            else if key.is("unit_price") { unitPrice = reader.money() }
            else if key.is("description") { description = reader.optionalString() }
            else { reader.skipValue() }
        }
        guard let lineRef, let sku, let quantity, let unitPrice else {
            reader.fail()
            return nil
        }
        return OrderLineInput(lineRef: lineRef, sku: sku, quantity: quantity, unitPrice: unitPrice, description: description)
    }

    private static func orderLineAdded(_ reader: inout TrustedJSONReader) -> EventPayload? {
        var orderRef: String?, line: OrderLineInput?
        var first = true
        while let key = reader.nextKey(first: &first) {
            if key.is("order_ref") { orderRef = reader.string() }
            else if key.is("line") { line = orderLine(&reader) }
            else { reader.skipValue() }
        }
        guard let orderRef, let line else { return nil }
        return .orderLineAdded(orderRef: orderRef, line: line)
    }

    private static func orderLineChanged(_ reader: inout TrustedJSONReader) -> EventPayload? {
        var orderRef: String?, lineRef: String?, quantity: Int?, unitPrice: DecimalAmount?
        var first = true
        while let key = reader.nextKey(first: &first) {
            if key.is("order_ref") { orderRef = reader.string() }
            else if key.is("line_ref") { lineRef = reader.string() }
            else if key.is("quantity") { quantity = reader.optionalInteger() }
            else if key.is("unit_price") { unitPrice = reader.optionalMoney() }
            else { reader.skipValue() }
        }
        guard let orderRef, let lineRef else { return nil }
        return .orderLineChanged(OrderLineChanged(orderRef: orderRef, lineRef: lineRef, quantity: quantity, unitPrice: unitPrice))
    }

    private static func orderChargesChanged(_ reader: inout TrustedJSONReader) -> EventPayload? {
        var orderRef: String?, shipping: DecimalAmount?, tax: DecimalAmount?, discount: DecimalAmount?
        var first = true
        while let key = reader.nextKey(first: &first) {
            if key.is("order_ref") { orderRef = reader.string() }
            else if key.is("shipping") { shipping = reader.optionalMoney() }
            else if key.is("tax") { tax = reader.optionalMoney() }
            else if key.is("discount") { discount = reader.optionalMoney() }
            else { reader.skipValue() }
        }
        guard let orderRef else { return nil }
        return .orderChargesChanged(OrderChargesChanged(orderRef: orderRef, shipping: shipping, tax: tax, discount: discount))
    }

    /// The small order events: an order ref and at most a line ref, shipment ref, status or reason.
    private static func orderReference(_ type: EventType, _ reader: inout TrustedJSONReader) -> EventPayload? {
        var orderRef: String?, lineRef: String?, shipmentRef: String?, status: OrderStatus?, reason: String?
        var first = true
        while let key = reader.nextKey(first: &first) {
            if key.is("order_ref") { orderRef = reader.string() }
            else if key.is("line_ref"), type == .orderLineRemoved { lineRef = reader.string() }
            else if key.is("shipment_ref"), type == .shipmentDelivered || type == .shipmentReturned { shipmentRef = reader.string() }
            else if key.is("status"), type == .orderStatusChanged { status = reader.choice(OrderStatus.self) }
            else if key.is("reason"), type == .orderCancelled || type == .shipmentReturned { reason = reader.optionalString() }
            else { reader.skipValue() }
        }
        guard let orderRef else { return nil }
        switch type {
        case .orderLineRemoved:
            guard let lineRef else { return nil }
            return .orderLineRemoved(orderRef: orderRef, lineRef: lineRef)
        case .orderStatusChanged:
            guard let status else { return nil }
            return .orderStatusChanged(orderRef: orderRef, status: status)
        case .orderCancelled:
            return .orderCancelled(orderRef: orderRef, reason: reason)
        case .shipmentDelivered:
            guard let shipmentRef else { return nil }
            return .shipmentDelivered(orderRef: orderRef, shipmentRef: shipmentRef)
        case .shipmentReturned:
            guard let shipmentRef else { return nil }
            return .shipmentReturned(orderRef: orderRef, shipmentRef: shipmentRef, reason: reason)
        default:
            return nil
        }
    }

    private static func shipmentShipped(_ reader: inout TrustedJSONReader) -> EventPayload? {
        var orderRef: String?, shipmentRef: String?, carrier: String?, service: String?, trackingNumber: String?
        var trackingURL: String?, lines: [ShipmentLineInput]?
        var first = true
        while let key = reader.nextKey(first: &first) {
            if key.is("order_ref") { orderRef = reader.string() }
            else if key.is("shipment_ref") { shipmentRef = reader.string() }
            else if key.is("carrier") { carrier = reader.string() }
            else if key.is("service") { service = reader.optionalString() }
            else if key.is("tracking_number") { trackingNumber = reader.optionalString() }
            else if key.is("tracking_url") { trackingURL = reader.optionalString() }
            else if key.is("lines") {
                if reader.null() { continue }
                guard reader.beginArray() else { return nil }
                var shipped: [ShipmentLineInput] = []
                var firstLine = true
                while reader.nextElement(first: &firstLine) {
                    guard let line = shipmentLine(&reader) else { return nil }
                    shipped.append(line)
                }
                lines = shipped
            }
            else { reader.skipValue() }
        }
        guard let orderRef, let shipmentRef, let carrier else { return nil }
        return .shipmentShipped(ShipmentShipped(
            orderRef: orderRef, shipmentRef: shipmentRef, carrier: carrier, service: service,
            trackingNumber: trackingNumber, trackingURL: trackingURL, lines: lines))
    }

    private static func shipmentLine(_ reader: inout TrustedJSONReader) -> ShipmentLineInput? {
        guard reader.beginObject() else { return nil }
        var lineRef: String?, quantity: Int?
        var first = true
        while let key = reader.nextKey(first: &first) {
            if key.is("line_ref") { lineRef = reader.string() }
            else if key.is("quantity") { quantity = reader.integer() }
            else { reader.skipValue() }
        }
        guard let lineRef, let quantity else {
            reader.fail()
            return nil
        }
        return ShipmentLineInput(lineRef: lineRef, quantity: quantity)
    }

    private static func payment(_ type: EventType, _ reader: inout TrustedJSONReader) -> EventPayload? {
        var orderRef: String?, paymentRef: String?, refundRef: String?, amount: DecimalAmount?
        var method: PaymentMethod?, gatewayRef: String?, reason: String?
        let captured = type == .paymentCaptured
        var first = true
        while let key = reader.nextKey(first: &first) {
            if key.is("order_ref") { orderRef = reader.string() }
            else if key.is("payment_ref") { paymentRef = reader.string() }
            else if key.is("amount") { amount = reader.money() }
            else if key.is("refund_ref"), !captured { refundRef = reader.string() }
            else if key.is("reason"), !captured { reason = reader.optionalString() }
            else if key.is("method"), captured { method = reader.optionalChoice(PaymentMethod.self) }
            else if key.is("gateway_ref"), captured { gatewayRef = reader.optionalString() }
            else { reader.skipValue() }
        }
        guard let orderRef, let paymentRef, let amount else { return nil }
        if captured {
            return .paymentCaptured(PaymentCaptured(orderRef: orderRef, paymentRef: paymentRef, amount: amount, method: method, gatewayRef: gatewayRef))
        }
        guard let refundRef else { return nil }
        return .paymentRefunded(PaymentRefunded(orderRef: orderRef, paymentRef: paymentRef, refundRef: refundRef, amount: amount, reason: reason))
    }

    // MARK: - Subscriptions

    private static func subscriptionStarted(_ reader: inout TrustedJSONReader) -> EventPayload? {
        var subscriptionRef: String?, customerRef: String?, sku: String?, orderRef: String?, price: DecimalAmount?
        var currency: Currency?, interval: SubscriptionInterval?, intervalCount: Int?, periodEnd: Timestamp?
        var first = true
        while let key = reader.nextKey(first: &first) {
            if key.is("subscription_ref") { subscriptionRef = reader.string() }
            else if key.is("customer_ref") { customerRef = reader.string() }
            else if key.is("sku") { sku = reader.string() }
            else if key.is("order_ref") { orderRef = reader.optionalString() }
            else if key.is("price") { price = reader.money() }
            else if key.is("currency") { currency = reader.currency() }
            else if key.is("interval") { interval = reader.choice(SubscriptionInterval.self) }
            else if key.is("interval_count") { intervalCount = reader.optionalInteger() }
            else if key.is("current_period_end") { periodEnd = reader.timestamp() }
            else { reader.skipValue() }
        }
        guard let subscriptionRef, let customerRef, let sku, let price, let currency, let interval, let periodEnd else { return nil }
        return .subscriptionStarted(SubscriptionStarted(
            subscriptionRef: subscriptionRef, customerRef: customerRef, sku: sku, orderRef: orderRef, price: price,
            currency: currency, interval: interval, intervalCount: intervalCount, currentPeriodEnd: periodEnd))
    }

    private static func subscriptionChange(_ type: EventType, _ reader: inout TrustedJSONReader) -> EventPayload? {
        var subscriptionRef: String?, periodEnd: Timestamp?, orderRef: String?, status: SubscriptionStatus?
        let renewed = type == .subscriptionRenewed
        var first = true
        while let key = reader.nextKey(first: &first) {
            if key.is("subscription_ref") { subscriptionRef = reader.string() }
            else if key.is("current_period_end") { periodEnd = renewed ? reader.timestamp() : reader.optionalTimestamp() }
            else if key.is("order_ref"), renewed { orderRef = reader.optionalString() }
            else if key.is("status"), !renewed { status = reader.choice(SubscriptionStatus.self) }
            else { reader.skipValue() }
        }
        guard let subscriptionRef else { return nil }
        if renewed {
            guard let periodEnd else { return nil }
            return .subscriptionRenewed(SubscriptionRenewed(subscriptionRef: subscriptionRef, currentPeriodEnd: periodEnd, orderRef: orderRef))
        }
        guard let status else { return nil }
        return .subscriptionStatusChanged(SubscriptionStatusChanged(subscriptionRef: subscriptionRef, status: status, currentPeriodEnd: periodEnd))
    }
}

extension KeapOrderView {
    /// Members in the order the view has always had (the bytes are the outbox's hash and confirmed state).
    func write(into writer: inout KeapViewWriter) {
        writer.beginObject()
        writer.key("kind"); writer.string("order")
        writer.key("order_ref"); writer.string(orderRef)
        writer.key("customer_ref"); writer.text(customerRef)
        writer.key("order_title"); writer.string(orderTitle)
        writer.key("order_type"); writer.string(orderType)
        writer.key("order_time"); writer.time(orderTime)
        writer.key("currency"); writer.string(currency.code)
        writer.key("items")
        writer.beginArray()
        for item in items {
            writer.beginObject()
            writer.key("key"); writer.string(item.key)
            writer.key("item_type"); writer.string(item.itemType.rawValue)
            if item.isProduct {
                writer.key("sku"); writer.text(item.sku)
                writer.key("description"); writer.text(item.description)
            }
            writer.key("quantity"); writer.integer(item.quantity)
            writer.key("price_per_unit"); writer.money(item.pricePerUnit, currency)
            writer.endObject()
        }
        writer.endArray()
        writer.key("total"); writer.money(totalMinor, currency)
        writer.key("total_minor"); writer.integer(totalMinor)
        writer.key("custom_fields")
        writer.beginObject()
        writer.key("ExternalOrderRef"); writer.string(orderRef)
        writer.key("FulfillmentStatus"); writer.text(fulfillmentStatus?.rawValue)
        writer.key("Carrier"); writer.text(carrier)
        writer.key("TrackingNumber"); writer.text(trackingNumber)
        writer.key("TrackingUrl"); writer.text(trackingURL)
        writer.key("ShippedAt"); writer.time(shippedAt)
        writer.key("DeliveredAt"); writer.time(deliveredAt)
        writer.endObject()
        writer.key("payments")
        writer.beginArray()
        for payment in payments {
            writer.beginObject()
            writer.key("payment_ref"); writer.string(payment.paymentRef)
            writer.key("payment_amount"); writer.money(payment.amount, currency)
            writer.key("method"); writer.text(payment.method?.rawValue)
            writer.key("payment_time"); writer.time(payment.paymentTime)
            writer.endObject()
        }
        writer.endArray()
        writer.key("refunds")
        writer.beginArray()
        for refund in refunds {
            writer.beginObject()
            writer.key("refund_ref"); writer.string(refund.refundRef)
            writer.key("payment_ref"); writer.string(refund.paymentRef)
            writer.key("amount"); writer.money(refund.amount, currency)
            writer.key("refunded_at"); writer.time(refund.refundedAt)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
    }

    /// Reads a placed order's view as `write` writes it.
    init(reading view: KeapViewReader) throws(KeapViewDecodingError) {
        let orderRef = try view.string("order_ref")
        try view.constant("order_title", orderRef)
        try view.constant("order_type", "ONLINE")
        let currency = try view.currency("currency")
        let items = try view.objects("items") { (item: KeapViewReader) throws(KeapViewDecodingError) -> KeapOrderItemView in
            let itemType = try item.kind("item_type", KeapOrderItemKind.self)
            // Product lines carry sku and description; charges carry neither.
            var sku: String?
            var description: String?
            if itemType == .product {
                sku = try item.string("sku")
                description = try item.text("description")
            }
            return KeapOrderItemView(
                key: try item.string("key"), itemType: itemType, sku: sku, description: description,
                quantity: try item.integer("quantity"), pricePerUnit: try item.money("price_per_unit", currency))
        }
        let totalMinor = try view.integer("total_minor")
        guard try view.money("total", currency) == totalMinor else {
            throw view.mismatch("total", "the total of total_minor (\(currency.format(totalMinor)))", .string(try view.string("total")))
        }
        let fields = try view.object("custom_fields")
        try fields.constant("ExternalOrderRef", orderRef)
        let payments = try view.objects("payments") { (payment: KeapViewReader) throws(KeapViewDecodingError) -> KeapPaymentView in
            KeapPaymentView(
                paymentRef: try payment.string("payment_ref"), amount: try payment.money("payment_amount", currency),
                method: try payment.enumerated("method", PaymentMethod.self), paymentTime: try payment.requiredTime("payment_time"))
        }
        let refunds = try view.objects("refunds") { (refund: KeapViewReader) throws(KeapViewDecodingError) -> KeapRefundView in
            KeapRefundView(
                refundRef: try refund.string("refund_ref"), paymentRef: try refund.string("payment_ref"),
                amount: try refund.money("amount", currency), refundedAt: try refund.requiredTime("refunded_at"))
        }
        self.init(
            orderRef: orderRef, customerRef: try view.text("customer_ref"), orderTime: try view.time("order_time"), currency: currency,
            items: items, totalMinor: totalMinor, fulfillmentStatus: try fields.enumerated("FulfillmentStatus", OrderStatus.self),
            carrier: try fields.text("Carrier"), trackingNumber: try fields.text("TrackingNumber"), trackingURL: try fields.text("TrackingUrl"),
            shippedAt: try fields.time("ShippedAt"), deliveredAt: try fields.time("DeliveredAt"), payments: payments, refunds: refunds)
    }
}

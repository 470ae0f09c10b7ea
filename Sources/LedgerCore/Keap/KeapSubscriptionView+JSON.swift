extension KeapSubscriptionView {
    /// Members in the order the view has always had (the bytes are the outbox's hash and confirmed state).
    func write(into writer: inout KeapViewWriter) {
        writer.beginObject()
        writer.key("kind"); writer.string("subscription")
        writer.key("subscription_ref"); writer.string(subscriptionRef)
        writer.key("customer_ref"); writer.text(customerRef)
        writer.key("sku"); writer.text(sku)
        writer.key("price")
        if let price, let currency { writer.money(price, currency) } else { writer.null() }
        writer.key("currency"); writer.text(currency?.code)
        writer.key("interval"); writer.text(interval?.rawValue)
        writer.key("interval_count"); writer.integer(intervalCount)
        writer.key("status"); writer.text(status?.rawValue)
        // Start dates cannot be in the past in Keap ([verify]): the real dates travel as custom fields.
        writer.key("started_at"); writer.time(startedAt)
        writer.key("current_period_end"); writer.time(currentPeriodEnd)
        writer.key("order_refs")
        writer.beginArray()
        for orderRef in orderRefs { writer.string(orderRef) }
        writer.endArray()
        writer.endObject()
    }

    /// Reads a subscription's view as `write` writes it.
    init(reading view: KeapViewReader) throws(KeapViewDecodingError) {
        let currency = try view.optionalCurrency("currency")
        var price: Int64?
        if let currency {
            if try view.text("price") != nil { price = try view.money("price", currency) }
        } else if let text = try view.text("price") {
            throw view.mismatch("price", "null (the view has no currency)", .string(text))
        }
        self.init(
            subscriptionRef: try view.string("subscription_ref"), customerRef: try view.text("customer_ref"), sku: try view.text("sku"),
            price: price, currency: currency, interval: try view.enumerated("interval", SubscriptionInterval.self),
            intervalCount: try view.integer("interval_count"), status: try view.enumerated("status", SubscriptionStatus.self),
            startedAt: try view.time("started_at"), currentPeriodEnd: try view.time("current_period_end"), orderRefs: try view.strings("order_refs"))
    }
}

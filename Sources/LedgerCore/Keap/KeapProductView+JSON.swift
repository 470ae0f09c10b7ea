extension KeapProductView {
    /// Members in the order the view has always had (the bytes are the outbox's hash and confirmed state).
    func write(into writer: inout KeapViewWriter) {
        writer.beginObject()
        writer.key("kind"); writer.string("product")
        writer.key("sku"); writer.string(sku)
        writer.key("name"); writer.text(name)
        writer.key("description"); writer.text(description)
        // Keap's product price is integer minor units.
        writer.key("price_minor")
        if let priceMinor { writer.integer(priceMinor) } else { writer.null() }
        writer.key("currency"); writer.text(currency?.code)
        writer.key("active"); writer.bool(isActive)
        writer.key("subscription"); writer.bool(isSubscription)
        writer.endObject()
    }

    /// Reads a product's view as `write` writes it.
    init(reading view: KeapViewReader) throws(KeapViewDecodingError) {
        self.init(
            sku: try view.string("sku"), name: try view.text("name"), description: try view.text("description"),
            priceMinor: try view.optionalInteger("price_minor"), currency: try view.optionalCurrency("currency"),
            isActive: try view.bool("active"), isSubscription: try view.bool("subscription"))
    }
}

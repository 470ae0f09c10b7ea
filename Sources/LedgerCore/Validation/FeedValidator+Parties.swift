/// Customers, products and addresses.
extension FeedValidator {
    static func validateCustomerUpserted(_ data: FieldReader) throws(FeedViolation) -> EventPayload {
        .customerUpserted(CustomerUpserted(
            customerRef: try data.reference("customer_ref"),
            email: try data.email("email"),
            firstName: try data.optionalString("first_name"),
            lastName: try data.optionalString("last_name"),
            phone: try data.optionalString("phone"),
            company: try data.optionalString("company"),
            billingAddress: try validateAddress(data.optionalObject("billing_address")),
            shippingAddress: try validateAddress(data.optionalObject("shipping_address"))
        ))
    }

    static func validateProductUpserted(_ data: FieldReader) throws(FeedViolation) -> EventPayload {
        let sku = try data.reference("sku")
        let name = try data.text("name")
        let currency = try data.currency("currency")
        return .productUpserted(ProductUpserted(
            sku: sku,
            name: name,
            price: try data.money("price", currency: currency),
            currency: currency,
            subscription: try data.optionalBool("subscription"),
            description: try data.optionalString("description"),
            active: try data.optionalBool("active")
        ))
    }

    /// `{ line1, line2?, city, region?, postal_code?, country_code }` with an assigned ISO 3166-1 alpha-2 code.
    static func validateAddress(_ address: FieldReader?) throws(FeedViolation) -> PostalAddress? {
        guard let address else { return nil }
        let line1 = try address.text("line1")
        let line2 = try address.optionalString("line2")
        let city = try address.text("city")
        let region = try address.optionalString("region")
        let postalCode = try address.optionalString("postal_code")
        let country = try address.string("country_code")
        guard CountryTable.alpha3ByAlpha2[country] != nil else {
            throw address.violation("country_code", "is not an officially assigned ISO 3166-1 alpha-2 code (upper case, e.g. US); found \(FieldReader.render(.string(country)))")
        }
        return PostalAddress(line1: line1, line2: line2, city: city, region: region, postalCode: postalCode, countryCode: country)
    }
}

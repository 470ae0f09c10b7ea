/// Customers, products and addresses.
extension FeedValidator {
    static func validateCustomerUpserted(_ data: FieldReader) throws(FeedViolation) -> String {
        let customerRef = try data.reference("customer_ref")
        _ = try data.email("email")
        for key in ["first_name", "last_name", "phone", "company"] { _ = try data.optionalString(key) }
        for key in ["billing_address", "shipping_address"] { try validateAddress(data.optionalObject(key)) }
        return customerRef
    }

    static func validateProductUpserted(_ data: FieldReader) throws(FeedViolation) -> String {
        let sku = try data.reference("sku")
        _ = try data.text("name")
        let currency = try data.currency("currency")
        _ = try data.money("price", currency: currency)
        _ = try data.optionalBool("subscription")
        _ = try data.optionalString("description")
        _ = try data.optionalBool("active")
        return sku
    }

    /// `{ line1, line2?, city, region?, postal_code?, country_code }` with an assigned ISO 3166-1 alpha-2 code.
    static func validateAddress(_ address: FieldReader?) throws(FeedViolation) {
        guard let address else { return }
        _ = try address.text("line1")
        _ = try address.optionalString("line2")
        _ = try address.text("city")
        _ = try address.optionalString("region")
        _ = try address.optionalString("postal_code")
        let country = try address.string("country_code")
        guard CountryTable.alpha3ByAlpha2[country] != nil else {
            throw address.violation("country_code", "is not an officially assigned ISO 3166-1 alpha-2 code (upper case, e.g. US); found \(FieldReader.render(.string(country)))")
        }
    }
}

extension KeapCustomerView {
    /// Members in the order the view has always had (the bytes are the outbox's hash and confirmed state).
    func write(into writer: inout KeapViewWriter) {
        writer.beginObject()
        writer.key("kind"); writer.string("customer")
        writer.key("customer_ref"); writer.string(customerRef)
        writer.key("email"); writer.text(email)
        writer.key("given_name"); writer.text(givenName)
        writer.key("family_name"); writer.text(familyName)
        writer.key("phone"); writer.text(phone)
        writer.key("company"); writer.text(company)
        writer.key("addresses")
        writer.beginArray()
        for address in addresses {
            writer.beginObject()
            writer.key("field"); writer.string(address.field.rawValue)
            writer.key("line1"); writer.string(address.line1)
            writer.key("line2"); writer.text(address.line2)
            writer.key("locality"); writer.string(address.locality)
            writer.key("region"); writer.text(address.region)
            writer.key("postal_code"); writer.text(address.postalCode)
            // Keap v2 wants ISO 3166-1 alpha-3; the validator accepted only assigned alpha-2 codes.
            writer.key("country_code"); writer.text(address.countryAlpha3)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
    }

    /// Reads a customer's view as `write` writes it; the alpha-3 country goes back to alpha-2 through
    /// `CountryTable.alpha2ByAlpha3`.
    init(reading view: KeapViewReader) throws(KeapViewDecodingError) {
        let addresses = try view.objects("addresses") { (address: KeapViewReader) throws(KeapViewDecodingError) -> KeapAddressView in
            let alpha3 = try address.string("country_code")
            guard let country = CountryTable.alpha2ByAlpha3[alpha3] else {
                throw address.mismatch("country_code", "an ISO 3166-1 alpha-3 code", .string(alpha3))
            }
            return KeapAddressView(
                field: try address.kind("field", KeapAddressField.self), line1: try address.string("line1"), line2: try address.text("line2"),
                locality: try address.string("locality"), region: try address.text("region"), postalCode: try address.text("postal_code"),
                country: country)
        }
        self.init(
            customerRef: try view.string("customer_ref"), email: try view.text("email"), givenName: try view.text("given_name"),
            familyName: try view.text("family_name"), phone: try view.text("phone"), company: try view.text("company"), addresses: addresses)
    }
}

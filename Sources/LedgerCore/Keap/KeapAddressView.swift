/// One postal address of a customer's Keap view.
package struct KeapAddressView: Sendable, Equatable {
    package let field: KeapAddressField
    package let line1: String
    package let line2: String?
    package let locality: String
    package let region: String?
    package let postalCode: String?
    /// ISO 3166-1 alpha-2, as the feed gave it (the validator accepts only assigned codes). The view carries alpha-3,
    /// which Keap v2 wants: `countryAlpha3`.
    package let country: String

    package init(field: KeapAddressField, line1: String, line2: String?, locality: String, region: String?, postalCode: String?, country: String) {
        self.field = field
        self.line1 = line1
        self.line2 = line2
        self.locality = locality
        self.region = region
        self.postalCode = postalCode
        self.country = country
    }

    package init(field: KeapAddressField, _ address: PostalAddress) {
        self.init(field: field, line1: address.line1, line2: address.line2, locality: address.city, region: address.region,
                  postalCode: address.postalCode, country: address.countryCode)
    }

    /// The country as Keap v2 wants it (alpha-3); nil only for a code the table does not have.
    package var countryAlpha3: String? {
        CountryTable.alpha3ByAlpha2[country]
    }
}

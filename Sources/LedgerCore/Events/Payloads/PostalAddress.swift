/// A postal address as the feed sends it (`country_code` is an assigned ISO 3166-1 alpha-2 code).
package struct PostalAddress: Sendable, Equatable {
    package var line1: String
    package var line2: String?
    package var city: String
    package var region: String?
    package var postalCode: String?
    package var countryCode: String

    package init(line1: String, line2: String?, city: String, region: String?, postalCode: String?, countryCode: String) {
        self.line1 = line1
        self.line2 = line2
        self.city = city
        self.region = region
        self.postalCode = postalCode
        self.countryCode = countryCode
    }
}

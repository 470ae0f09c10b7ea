import LedgerCore

/// One contact address (`Address`): `field` is BILLING or SHIPPING, `countryCode` ISO 3166-1 alpha-3, `regionCode`
/// ISO 3166-2 (e.g. `US-AZ`).
package struct KeapAddressRequest: Sendable, Equatable {
    package var field: String
    package var line1: String
    package var line2: String?
    package var locality: String?
    package var regionCode: String?
    package var postalCode: String?
    package var countryCode: String?

    package init(field: String, line1: String, line2: String? = nil, locality: String? = nil, regionCode: String? = nil,
                 postalCode: String? = nil, countryCode: String? = nil) {
        self.field = field
        self.line1 = line1
        self.line2 = line2
        self.locality = locality
        self.regionCode = regionCode
        self.postalCode = postalCode
        self.countryCode = countryCode
    }

    var json: JSONValue {
        var members = [JSONMember("field", .string(field)), JSONMember("line1", .string(line1))]
        members.appendIfPresent("line2", line2)
        members.appendIfPresent("locality", locality)
        members.appendIfPresent("region_code", regionCode)
        members.appendIfPresent("postal_code", postalCode)
        members.appendIfPresent("country_code", countryCode)
        return .object(JSONObject(members: members))
    }
}

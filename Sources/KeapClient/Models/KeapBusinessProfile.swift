import LedgerCore

/// The parts of `GET /v2/businessProfile` (`GetBusinessProfileResponse`) `keap doctor` reports, with the rate-limit
/// headers that answer carried (Keap documents none; they are what the tenant actually sends).
package struct KeapBusinessProfile: Sendable, Equatable {
    package let name: String?
    /// ISO 4217, as Keap says it.
    package let currencyCode: String?
    package let timeZone: String?
    /// Every `x-keap-*` header of the answer (lower-cased names), sorted by name.
    package let throttleHeaders: [(name: String, value: String)]

    package init(name: String?, currencyCode: String?, timeZone: String?, throttleHeaders: [(name: String, value: String)]) {
        self.name = name
        self.currencyCode = currencyCode
        self.timeZone = timeZone
        self.throttleHeaders = throttleHeaders
    }

    init(json object: JSONObject, headers: [String: String]) throws(KeapDecodeError) {
        let context = "business profile"
        name = try object.optionalString("name", in: context)
        currencyCode = try object.optionalString("currency_code", in: context)
        timeZone = try object.optionalString("time_zone", in: context)
        throttleHeaders = headers.filter { $0.key.hasPrefix("x-keap-") }.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
    }

    package static func == (lhs: KeapBusinessProfile, rhs: KeapBusinessProfile) -> Bool {
        lhs.name == rhs.name && lhs.currencyCode == rhs.currencyCode && lhs.timeZone == rhs.timeZone
            && lhs.throttleHeaders.elementsEqual(rhs.throttleHeaders, by: { $0.name == $1.name && $0.value == $1.value })
    }
}

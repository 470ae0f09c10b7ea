extension PostalAddress {
    /// The address in the feed's shape (absent optional fields left out), for projections and views.
    package var jsonValue: JSONValue {
        var members = [JSONMember("line1", .string(line1))]
        if let line2 { members.append(JSONMember("line2", .string(line2))) }
        members.append(JSONMember("city", .string(city)))
        if let region { members.append(JSONMember("region", .string(region))) }
        if let postalCode { members.append(JSONMember("postal_code", .string(postalCode))) }
        members.append(JSONMember("country_code", .string(countryCode)))
        return .object(JSONObject(members: members))
    }
}

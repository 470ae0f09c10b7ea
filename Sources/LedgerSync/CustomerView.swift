import LedgerCore

/// The Keap view of one customer (what `KeapView` builds), typed for the contact calls.
struct CustomerView: Equatable {
    struct Address: Equatable {
        let field: String
        let line1: String
        let line2: String?
        let locality: String?
        let region: String?
        let postalCode: String?
        let countryCode: String?
    }

    let customerRef: String
    let email: String?
    let givenName: String?
    let familyName: String?
    let phone: String?
    let company: String?
    let addresses: [Address]

    init(_ value: JSONValue) {
        let view = ViewReader(value)
        customerRef = view.string("customer_ref") ?? ""
        email = view.string("email")
        givenName = view.string("given_name")
        familyName = view.string("family_name")
        phone = view.string("phone")
        company = view.string("company")
        addresses = view.array("addresses").map { address in
            Address(field: address.string("field") ?? "OTHER", line1: address.string("line1") ?? "", line2: address.string("line2"),
                    locality: address.string("locality"), region: address.string("region"),
                    postalCode: address.string("postal_code"), countryCode: address.string("country_code"))
        }
    }
}

import KeapClient
import LedgerCore
import Testing

/// `KeapContact.shows`: whether a PATCH of every member a request has would change nothing, so `keap relink` may
/// record the contact as confirmed. A wrong "shown" would leave Keap stale for good, so each difference is tried.
@Suite struct KeapContactShowsTests {
    private static let request = KeapContactRequest(
        email: "ada@example.com", givenName: "Ada", familyName: "Lovelace", phone: "+44 20 7946 0000",
        addresses: [KeapAddressRequest(field: "BILLING", line1: "12 St James's Square", locality: "London", postalCode: "SW1Y 4JH", countryCode: "GBR")],
        customFields: [KeapCustomFieldValue(id: "7", content: "C-1")])

    /// A list entry as Keap returns it: string members in order.
    private static func entry(_ pairs: KeyValuePairs<String, String>) -> JSONObject {
        JSONObject(members: pairs.map { JSONMember($0.key, .string($0.value)) })
    }

    private static func contact(
        email: String = "ada@example.com", given: String? = "Ada", phone: String = "+44 20 7946 0000",
        line1: String = "12 St James's Square", ref: String? = "C-1", extraEntries: Bool = false
    ) -> KeapContact {
        var emails = [entry(["email": email, "field": "EMAIL1"])]
        if extraEntries { emails.append(entry(["email": "ada@work.example", "field": "EMAIL2"])) }
        let address = entry(["field": "BILLING", "line1": line1, "locality": "London", "postal_code": "SW1Y 4JH", "country_code": "GBR"])
        return KeapContact(
            id: "1", emails: emails.compactMap { $0["email"].flatMap { if case .string(let text) = $0 { text } else { nil } } },
            givenName: given, familyName: "Lovelace",
            customFields: ref.map { [KeapCustomFieldValue(id: "7", content: $0)] } ?? [],
            lists: [.emailAddresses: emails, .phoneNumbers: [entry(["number": phone, "field": "PHONE1"])], .addresses: [address]])
    }

    @Test func aContactShowingEveryMemberIsShownWhateverElseKeapHas() {
        #expect(Self.contact().shows(Self.request))
        // Entries the ledger does not own (EMAIL2) are Keap's: a PATCH would send them back unchanged.
        #expect(Self.contact(extraEntries: true).shows(Self.request))
        // A member the request leaves out is not named by the PATCH either.
        var noName = Self.request
        noName.givenName = nil
        #expect(Self.contact(given: "Augusta Ada").shows(noName))
    }

    @Test func anyOwnedDifferenceIsNotShown() {
        #expect(!Self.contact(email: "ada@other.example").shows(Self.request))
        #expect(!Self.contact(given: "Augusta").shows(Self.request))
        #expect(!Self.contact(phone: "+44 20 7946 0001").shows(Self.request))
        #expect(!Self.contact(line1: "13 St James's Square").shows(Self.request))
        #expect(!Self.contact(ref: nil).shows(Self.request))
        #expect(!Self.contact(ref: "C-2").shows(Self.request))
        var shipping = Self.request
        shipping.addresses.append(KeapAddressRequest(field: "SHIPPING", line1: "1 Dock Road", countryCode: "GBR"))
        #expect(!Self.contact().shows(shipping))
    }

    @Test func aRequestWithACompanyIsNeverShownForTheContactIsReadWithoutIt() {
        var company = Self.request
        company.companyName = "Analytical Engines Ltd"
        #expect(!Self.contact().shows(company))
    }
}

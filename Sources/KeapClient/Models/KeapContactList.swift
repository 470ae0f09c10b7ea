import LedgerCore

/// The contact lists Keap *replaces* wholesale when a PATCH or an upsert names them ("Any item not listed here will be
/// removed", `CreateUpdateContactRequest`). Whoever writes one must send back the entries it does not own, and only
/// with the members the request schema takes (the response adds read-only ones such as `is_opt_in`).
package enum KeapContactList: String, Sendable, CaseIterable {
    case emailAddresses = "email_addresses"
    case phoneNumbers = "phone_numbers"
    case addresses

    /// Members a request entry may carry (`EmailAddressRequest`, `PhoneNumber`, `Address`). `number_e164` is left
    /// out: Keap derives it from `number`.
    var requestMembers: Set<String> {
        switch self {
        case .emailAddresses: ["email", "field", "opt_in_reason"]
        case .phoneNumbers: ["extension", "number", "type", "field"]
        case .addresses: ["country", "line1", "line2", "locality", "region", "field", "country_code", "postal_code",
                          "region_code", "zip_code", "zip_four"]
        }
    }
}

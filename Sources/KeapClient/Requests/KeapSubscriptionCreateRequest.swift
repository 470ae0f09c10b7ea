import LedgerCore

/// `CreateSubscriptionRequest` as the sync sends it (keap-sync.md: `auto_charge=false`, `allow_duplicate=false`).
/// No `start_date` (Keap refuses past dates and defaults to today: the real dates travel in custom fields), no
/// `billing_amount` (the plan's price applies; the field's units are unconfirmed), never `payment_method_id`.
package struct KeapSubscriptionCreateRequest: Sendable, Equatable {
    package var contactID: String
    package var subscriptionPlanID: String
    package var quantity: Int?
    /// false creates it already stopped (a subscription that ended before it was first sent).
    package var active: Bool?
    /// Never true from the sync: Keap would charge the contact's card.
    package var autoCharge: Bool
    /// false lets Keap refuse an identical active subscription of the same contact (a second line of defence behind
    /// the rule-2 lookup); true only when the ledger itself holds identical subscriptions of one customer.
    package var allowDuplicate: Bool
    package var reasonStopped: String?
    package var customFields: [KeapCustomFieldValue]

    package init(contactID: String, subscriptionPlanID: String, quantity: Int? = nil, active: Bool? = nil, autoCharge: Bool = false,
                 allowDuplicate: Bool = false, reasonStopped: String? = nil, customFields: [KeapCustomFieldValue] = []) {
        self.contactID = contactID
        self.subscriptionPlanID = subscriptionPlanID
        self.quantity = quantity
        self.active = active
        self.autoCharge = autoCharge
        self.allowDuplicate = allowDuplicate
        self.reasonStopped = reasonStopped
        self.customFields = customFields
    }

    var json: JSONValue {
        var members = [
            JSONMember("contact_id", .string(contactID)),
            JSONMember("subscription_plan_id", .string(subscriptionPlanID)),
        ]
        members.appendIfPresent("quantity", quantity)
        members.appendIfPresent("active", active)
        members.append(JSONMember("auto_charge", .bool(autoCharge)))
        members.append(JSONMember("allow_duplicate", .bool(allowDuplicate)))
        members.appendIfPresent("reason_stopped", reasonStopped)
        members.appendArray("custom_fields", customFields.map(\.json), mask: nil)
        return .object(JSONObject(members: members))
    }
}

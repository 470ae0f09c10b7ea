import LedgerCore

/// The parts of a Keap `Subscription` the sync reads: whether it is active, what it is for, and its custom fields
/// (the rule-2 lookup matches `ExternalSubscriptionRef` there).
package struct KeapSubscription: Sendable, Equatable {
    package let id: String
    /// nil when Keap leaves it out.
    package let active: Bool?
    package let contactID: String?
    package let productID: String?
    package let subscriptionPlanID: String?
    /// DAY, WEEK, MONTH or YEAR.
    package let billingCycle: String?
    package let billingFrequency: Int
    /// `billing_amount` exactly as written: its units are unconfirmed (the OpenAPI example is `10000`), so the client
    /// does not interpret it.
    package let billingAmountText: String?
    /// `YYYY-MM-DD`.
    package let startDate: String?
    package let nextBillDate: String?
    package let endDate: String?
    package let reasonStopped: String?
    package let customFields: [KeapCustomFieldValue]

    package init(id: String, active: Bool?, contactID: String?, productID: String?, subscriptionPlanID: String?,
                 billingCycle: String? = nil, billingFrequency: Int = 0, billingAmountText: String? = nil,
                 startDate: String? = nil, nextBillDate: String? = nil, endDate: String? = nil, reasonStopped: String? = nil,
                 customFields: [KeapCustomFieldValue]) {
        self.id = id
        self.active = active
        self.contactID = contactID
        self.productID = productID
        self.subscriptionPlanID = subscriptionPlanID
        self.billingCycle = billingCycle
        self.billingFrequency = billingFrequency
        self.billingAmountText = billingAmountText
        self.startDate = startDate
        self.nextBillDate = nextBillDate
        self.endDate = endDate
        self.reasonStopped = reasonStopped
        self.customFields = customFields
    }

    init(json object: JSONObject) throws(KeapDecodeError) {
        let context = "subscription"
        id = try object.requiredID("id", in: context)
        active = try object.optionalBool("active", in: context)
        contactID = try object.optionalID("contact_id", in: context)
        productID = try object.optionalID("product_id", in: context)
        subscriptionPlanID = try object.optionalID("subscription_plan_id", in: context)
        billingCycle = try object.optionalString("billing_cycle", in: context)
        billingFrequency = try object.integer("billing_frequency", in: context)
        switch object["billing_amount"] {
        case .number(let number)?: billingAmountText = number.text
        case .string(let text)?: billingAmountText = text
        case nil, .null?: billingAmountText = nil
        case let other?: throw KeapDecodeError("subscription.billing_amount is \(other.kindDescription), expected a number")
        }
        startDate = try object.optionalString("start_date", in: context)
        nextBillDate = try object.optionalString("next_bill_date", in: context)
        endDate = try object.optionalString("end_date", in: context)
        reasonStopped = try object.optionalString("reason_stopped", in: context)
        customFields = try KeapCustomFieldValue.list(object["custom_fields"], in: context)
    }
}

import LedgerCore

/// A subscription (`Subscription`): a contact on a product's plan. Money in minor units of the tenant currency.
package struct SandboxSubscription: Sendable, Equatable {
    package let id: String
    package var contactID: String
    package var productID: String
    package var planID: String
    package var quantity: Int64
    package var active: Bool
    /// True would make Keap charge the contact's card on the bill date (the sync must never ask for it).
    package var autoCharge: Bool
    package var allowTax: Bool
    package var billingAmount: Int64
    /// `billing_amount` exactly as written; nil when it came from the plan.
    package var billingAmountText: String?
    /// DAY, WEEK, MONTH or YEAR.
    package var billingCycle: String
    package var billingFrequency: Int64
    /// `YYYY-MM-DD`.
    package var startDate: String
    package var nextBillDate: String?
    package var endDate: String?
    package var reasonStopped: String?
    package var paymentMethodID: String?
    package var customFields: [SandboxCustomFieldValue]
    /// Other accepted members (affiliates, retries, shipping, promo code) as written.
    package var extra: JSONObject
    package let createTime: String
    package var modificationTime: String

    /// The text of the custom field with this label (first match; labels may repeat), nil when unset.
    package func customField(label: String) -> String? {
        customFields.first { $0.label == label }?.text
    }
}

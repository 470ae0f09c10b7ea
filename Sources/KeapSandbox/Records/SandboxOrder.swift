import LedgerCore

/// An order with its items, payments and custom field values. `total` is kept current by the state after every change.
package struct SandboxOrder: Sendable, Equatable {
    package let id: String
    package var contactID: String
    package var orderTitle: String
    /// The separate "title for the invoice" (`title` in the request); `OrderV2.title` shows `orderTitle`.
    package var invoiceTitle: String?
    package var orderTime: String
    package var orderType: String
    package var notes: String?
    package var terms: String?
    package var items: [SandboxOrderItem]
    package var payments: [SandboxPayment]
    package var customFields: [SandboxCustomFieldValue]
    /// `AddressInformation` as written.
    package var shippingAddress: JSONObject?
    package var promoCodes: [String]
    /// Other optional scalar members (`lead_affiliate_id`, `sent_time`, `invoice_number`, `external_*`…) as written.
    package var extra: JSONObject
    package let creationTime: String
    package var modificationTime: String
    /// Σ quantity × price_per_unit, DISCOUNT items per the configured sign (minor units).
    package var total: Int64

    package var totalPaid: Int64 { payments.reduce(0) { $0 + $1.amount } }
    /// What can still be paid: total − total_paid.
    package var balance: Int64 { total - totalPaid }

    /// The text of the custom field with this label (first match; labels may repeat), nil when unset.
    package func customField(label: String) -> String? {
        customFields.first { $0.label == label }?.text
    }
}

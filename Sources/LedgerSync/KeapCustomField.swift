import KeapClient

/// A custom field the sync writes (spec/keap-sync.md rule 7): created once by `keap setup`, found by its label.
package struct KeapCustomField: Sendable, Hashable {
    package let record: KeapRecordType
    package let label: String
    package let fieldType: String

    /// Every field the sync needs. Text fields throughout: dates travel as RFC 3339 text (no tenant date formats),
    /// statuses as text (no dropdown options to keep in step), and text fields can be filtered with `==`.
    package static let all: [KeapCustomField] = [
        KeapCustomField(record: .orders, label: "ExternalOrderRef", fieldType: "TEXT"),
        KeapCustomField(record: .orders, label: "FulfillmentStatus", fieldType: "TEXT"),
        KeapCustomField(record: .orders, label: "Carrier", fieldType: "TEXT"),
        KeapCustomField(record: .orders, label: "TrackingNumber", fieldType: "TEXT"),
        KeapCustomField(record: .orders, label: "TrackingUrl", fieldType: "TEXT"),
        KeapCustomField(record: .orders, label: "ShippedAt", fieldType: "TEXT"),
        KeapCustomField(record: .orders, label: "DeliveredAt", fieldType: "TEXT"),
        // Keap has no refund API: refunds are listed here, one per line.
        KeapCustomField(record: .orders, label: "RefundLog", fieldType: "TEXT_AREA"),
        KeapCustomField(record: .contacts, label: "ExternalCustomerRef", fieldType: "TEXT"),
        // Keap knows only active or stopped, and refuses start dates in the past: the ledger's status and real dates.
        KeapCustomField(record: .subscriptions, label: "ExternalSubscriptionRef", fieldType: "TEXT"),
        KeapCustomField(record: .subscriptions, label: "SubscriptionStatus", fieldType: "TEXT"),
        KeapCustomField(record: .subscriptions, label: "StartedAt", fieldType: "TEXT"),
        KeapCustomField(record: .subscriptions, label: "CurrentPeriodEnd", fieldType: "TEXT"),
    ]
}

/// A Keap record type that has custom fields; the raw value is the path segment (`/v2/orders/model`).
package enum KeapRecordType: String, Sendable, CaseIterable {
    case orders, contacts, subscriptions
}

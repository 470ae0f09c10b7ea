import LedgerCore

/// `RestCreateOrderRequest`: one order with all its items in one call (keap-sync.md).
package struct KeapOrderCreateRequest: Sendable, Equatable {
    package var contactID: String
    package var orderTitle: String
    /// RFC 3339 UTC, seconds, `Z`.
    package var orderTime: String
    /// ONLINE.
    package var orderType: String
    /// `order_items`.
    package var items: [KeapOrderItemRequest]
    package var customFields: [KeapCustomFieldValue]
    package var notes: String?

    package init(contactID: String, orderTitle: String, orderTime: String, orderType: String,
                 items: [KeapOrderItemRequest], customFields: [KeapCustomFieldValue], notes: String? = nil) {
        self.contactID = contactID
        self.orderTitle = orderTitle
        self.orderTime = orderTime
        self.orderType = orderType
        self.items = items
        self.customFields = customFields
        self.notes = notes
    }

    var json: JSONValue {
        var members = [
            JSONMember("contact_id", .string(contactID)),
            JSONMember("order_title", .string(orderTitle)),
            JSONMember("order_time", .string(orderTime)),
            JSONMember("order_type", .string(orderType)),
        ]
        members.appendArray("order_items", items.map { $0.json(forCreate: true) }, mask: nil)
        members.appendArray("custom_fields", customFields.map(\.json), mask: nil)
        members.appendIfPresent("notes", notes)
        return .object(JSONObject(members: members))
    }
}

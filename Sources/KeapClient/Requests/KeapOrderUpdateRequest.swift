import LedgerCore

/// The order fields the sync PATCHes (`UpdateOrderRequest`): custom fields (status, shipments, refunds) and notes.
package struct KeapOrderUpdateRequest: Sendable, Equatable {
    package var customFields: [KeapCustomFieldValue]?
    package var notes: String?

    package init(customFields: [KeapCustomFieldValue]? = nil, notes: String? = nil) {
        self.customFields = customFields
        self.notes = notes
    }

    var json: JSONValue {
        var members: [JSONMember] = []
        if let customFields {
            members.append(JSONMember("custom_fields", .array(customFields.map(\.json))))
        }
        members.appendIfPresent("notes", notes)
        return .object(JSONObject(members: members))
    }
}

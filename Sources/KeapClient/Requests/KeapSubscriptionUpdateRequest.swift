import LedgerCore

/// The subscription fields the sync PATCHes (`UpdateSubscriptionRequest`): custom fields (status, dates) and, to
/// resume a stopped subscription, `active`.
package struct KeapSubscriptionUpdateRequest: Sendable, Equatable {
    package var active: Bool?
    package var reasonStopped: String?
    package var customFields: [KeapCustomFieldValue]?

    package init(active: Bool? = nil, reasonStopped: String? = nil, customFields: [KeapCustomFieldValue]? = nil) {
        self.active = active
        self.reasonStopped = reasonStopped
        self.customFields = customFields
    }

    var json: JSONValue {
        var members: [JSONMember] = []
        members.appendIfPresent("active", active)
        members.appendIfPresent("reason_stopped", reasonStopped)
        if let customFields {
            members.append(JSONMember("custom_fields", .array(customFields.map(\.json))))
        }
        return .object(JSONObject(members: members))
    }
}

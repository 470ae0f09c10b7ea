/// The record types with a custom-field model (`/v2/{orders|contacts|subscriptions}/model`).
package enum SandboxRecordType: String, Sendable, CaseIterable {
    case orders, contacts, subscriptions

    /// `CustomFieldMetaData.record_type`.
    var keapName: String {
        switch self {
        case .orders: "ORDER"
        case .contacts: "CONTACT"
        case .subscriptions: "SUBSCRIPTION"
        }
    }
}

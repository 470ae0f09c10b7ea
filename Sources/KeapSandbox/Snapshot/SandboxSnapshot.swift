/// A copy of the whole sandbox state at one moment (the typed twin of `GET /__sandbox/state`).
package struct SandboxSnapshot: Sendable, Equatable {
    package var contacts: [SandboxContact]
    package var products: [SandboxProduct]
    package var orders: [SandboxOrder]
    package var subscriptionPlans: [SandboxSubscriptionPlan]
    package var subscriptions: [SandboxSubscription]
    package var customFields: [SandboxCustomField]
    package var counters: SandboxCounters
    package var calls: [SandboxCallLogEntry]
    package var currencyCode: String

    /// Orders whose custom field `label` has exactly this text (e.g. "ExternalOrderRef" == "FH-1": one per ref).
    package func orders(customField label: String, equals text: String) -> [SandboxOrder] {
        orders.filter { $0.customFields.contains { $0.label == label && $0.text == text } }
    }

    /// Subscriptions whose custom field `label` has exactly this text (e.g. "ExternalSubscriptionRef" == "S-1").
    package func subscriptions(customField label: String, equals text: String) -> [SandboxSubscription] {
        subscriptions.filter { $0.customFields.contains { $0.label == label && $0.text == text } }
    }

    /// Custom field definitions of one record type.
    package func customFields(of recordType: SandboxRecordType) -> [SandboxCustomField] {
        customFields.filter { $0.recordType == recordType }
    }
}

import LedgerCore

/// What one flush changes in a Keap subscription that exists, decided once from the ledger's subscription and what
/// Keap is believed to show (its custom fields, stopped or not). `SubscriptionSync` carries it out and
/// `outbox flush --dry-run` prints it, so the two cannot disagree.
struct SubscriptionUpdatePlan {
    /// The custom-field values the PATCH sends (all of them: Keap replaces the list it is given).
    let fields: [(key: String, value: String?)]
    /// Whether a PATCH goes out: some field differs, or a stopped subscription resumes.
    let patches: Bool
    /// Keap's subscription is stopped and the ledger's runs again: the PATCH sets `active` too.
    let resumes: Bool
    /// The ledger's subscription has ended and Keap's is not known to be stopped: `:deactivate` it (after the sync has
    /// read Keap's state, since a deactivation whose answer was lost may have happened and Keap refuses a second).
    let deactivates: Bool

    /// `shown`: label -> value as Keap is believed to show it; `stopped`: whether Keap's subscription is.
    init(_ desired: KeapSubscriptionView, shown: [String: String?], stopped: Bool) {
        fields = SubscriptionFields.values(of: desired)
        resumes = stopped && !desired.hasEnded
        patches = resumes || fields.contains(where: { shown[$0.key] != .some($0.value) })
        deactivates = desired.hasEnded && !stopped
    }

    /// Against the view Keap last confirmed (what it shows while nothing else is known; nil: nothing confirmed).
    init(_ desired: KeapSubscriptionView, confirmed: KeapSubscriptionView?) {
        var shown: [String: String?] = [:]
        for field in confirmed.map(SubscriptionFields.values(of:)) ?? [] { shown[field.key] = .some(field.value) }
        self.init(desired, shown: shown, stopped: confirmed?.hasEnded ?? false)
    }

    /// The PATCH's `update_mask`.
    var updateMask: [String] { resumes ? ["custom_fields", "active"] : ["custom_fields"] }

    /// The value the plan sends for `label`.
    func value(_ label: String) -> String? {
        fields.first(where: { $0.key == label })?.value ?? nil
    }
}

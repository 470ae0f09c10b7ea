/// One row of `reconcile_audit`: what `reconcile --fix` did (or declined to do) about one discrepancy, and by whom.
package struct ReconcileAuditEntry: Sendable, Equatable {
    package let at: String
    package let actor: String
    package let ref: String
    package let kind: String
    package let action: String
    package let before: String?
    package let after: String?
    package let outcome: String

    package init(at: String, actor: String, ref: String, kind: String, action: String, before: String?, after: String?, outcome: String) {
        self.at = at
        self.actor = actor
        self.ref = ref
        self.kind = kind
        self.action = action
        self.before = before
        self.after = after
        self.outcome = outcome
    }
}

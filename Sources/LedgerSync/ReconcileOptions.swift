/// What `reconcile` compares and what it may repair.
package struct ReconcileOptions: Sendable {
    /// The window by order time (`placed_at`, UTC text, inclusive); nil = open.
    package var since: String?
    package var until: String?
    /// Only these order refs (each looked up by `ExternalOrderRef`); empty = every order.
    package var refs: [String] = []
    /// `--sample N`: N random synced orders plus every order changed since the last reconcile.
    package var sample: Int?
    /// The sample's random seed (printed, so a run can be repeated).
    package var sampleSeed: UInt64 = 0
    package var fix = false
    package var fixDuplicates = false
    /// Who is acting, for the audit (the OS user, or `--actor`).
    package var actor = "unknown"

    package init() {}

    /// Every order, no window: what may end lookup-first mode and report Keap's extra orders.
    package var isFull: Bool { refs.isEmpty && sample == nil && since == nil && until == nil }
}

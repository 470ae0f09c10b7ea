/// What `keap doctor --probe` did and learnt: the findings (stored), the evidence for them, and every probe order
/// it made and deleted (or could not delete: then named with its id).
package struct KeapProbeReport: Sendable {
    package var findings = TenantFindings()
    /// One line per observation, in the order made.
    package var evidence: [String] = []
    package var ordersMade = 0
    /// Keap ids of the probe orders deleted (this run's, and any an earlier run left behind).
    package var ordersDeleted: [String] = []
    /// Probe orders still in Keap: `<id> (<why the delete failed>)`.
    package var ordersLeft: [String] = []
}

import LedgerStore

/// What `keap doctor --probe` learnt of this Keap tenant, with when: kept in `sync_state` so every later flush uses
/// it (an environment setting still wins, `SyncSettings.applying`).
package struct TenantFindings: Sendable, Equatable {
    package var chargeItems: SyncSettings.ChargeItems?
    package var discountSign: SyncSettings.DiscountSign?
    /// When each was learnt (UTC text), nil when never.
    package var chargeItemsLearntAt: String?
    package var discountSignLearntAt: String?

    package init(chargeItems: SyncSettings.ChargeItems? = nil, discountSign: SyncSettings.DiscountSign? = nil) {
        self.chargeItems = chargeItems
        self.discountSign = discountSign
    }

    /// The stored findings (none when the doctor never probed this tenant).
    package static func load(_ database: LedgerDatabase) throws(LedgerStoreError) -> TenantFindings {
        var findings = TenantFindings()
        if let entry = try database.syncStateEntry(.chargeItems) {
            findings.chargeItems = SyncSettings.ChargeItems(rawValue: entry.value)
            findings.chargeItemsLearntAt = entry.updatedAt
        }
        if let entry = try database.syncStateEntry(.discountSign) {
            findings.discountSign = SyncSettings.DiscountSign(rawValue: entry.value)
            findings.discountSignLearntAt = entry.updatedAt
        }
        return findings
    }

    /// Records what a probe learnt; a finding the probe could not make leaves the earlier one as it was.
    func store(_ database: LedgerDatabase, clock: any LedgerClock) throws(LedgerStoreError) {
        if let chargeItems { try database.setSyncState(.chargeItems, chargeItems.rawValue, clock: clock) }
        if let discountSign { try database.setSyncState(.discountSign, discountSign.rawValue, clock: clock) }
    }
}

import KeapClient

/// What `keap doctor` found out about the Keap tenant (`KeapDoctor`).
package struct KeapDoctorReport: Sendable {
    /// The kind of credentials in use (never the secret).
    package var credentials = ""
    package var profile: KeapBusinessProfile?
    /// Why the business profile could not be read (the rest of the report stands).
    package var profileUnavailable: String?
    package var customFieldsPresent: [String] = []
    package var customFieldsMissing: [String] = []
    /// `<SKU> (Keap product <id>)` for each charge product recorded; the SKUs not recorded.
    package var chargeProducts: [String] = []
    package var chargeProductsMissing: [String] = []
    /// The Manual Payment Type names the sync sends (each must exist in Keap exactly; the v2 API cannot list them).
    package var paymentTypes: [String] = []
    package var warnings: [String] = []
    /// This run's probe, when asked for.
    package var probe: KeapProbeReport?
    /// The findings stored in the ledger (after this run's probe), with when each was learnt.
    package var findings = TenantFindings()
    /// What `outbox flush` uses and where it comes from (`KEAP_…` setting, `probe`, `default`).
    package var chargeItemsInUse: (value: SyncSettings.ChargeItems, source: String) = (.typed, "default")
    package var discountSignInUse: (value: SyncSettings.DiscountSign, source: String) = (.negative, "default")
}

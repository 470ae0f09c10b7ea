import LedgerCore

/// Which orders `keap-ledger orders` lists, from the projection tables.
package struct OrderFilter: Sendable {
    /// The reported status (`pending`, `shipped`, …).
    package var status: OrderStatus?
    /// Derived fulfilment (`unshipped`, `delivered`, …).
    package var fulfilment: Fulfilment?
    /// Only incomplete orders (no order.placed yet): true; only complete: false; both: nil.
    package var complete: Bool?
    /// Only orders with at least one anomaly.
    package var withAnomalies = false
    /// Only orders the ledger learned something about after this instant (recorded_at).
    package var changedSince: Timestamp?
    package var customerRef: String?
    package var limit: Int?

    package init() {}
}

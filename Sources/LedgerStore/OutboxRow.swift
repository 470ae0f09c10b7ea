import LedgerCore

/// One outbox stream as reconcile and relink read it: what the ledger wants Keap to show and what it knows of Keap.
package struct OutboxRow: Sendable {
    package let stream: String
    package let kind: StreamKind
    package let ref: String
    /// False while the stream must not be sent (an order without `order.placed`).
    package let ready: Bool
    /// idle | pending | parked
    package let status: String
    package let desiredHash: [UInt8]
    package let confirmedHash: [UInt8]?
    package let confirmedAt: String?
    package let attempts: Int
    package let lastError: String?
    package let parkedReason: String?
    /// Orders: when the order was placed (business time), for reconcile's window.
    package let placedAt: String?

    /// Keap has been told what the ledger wants.
    package var isConfirmed: Bool { confirmedHash == desiredHash }
}

import Foundation
import LedgerCore
import LedgerStore

/// A pending stream's desired Keap view, computed again from the log (the outbox stores only its hash and version),
/// next to the view Keap last confirmed.
struct StreamSnapshot: Sendable {
    let pending: PendingStream
    let desired: DesiredState
    /// The view Keap last confirmed, read back into the same typed view the flush computes; nil before the first
    /// success, and nil when the stored bytes do not read (then `unreadableConfirmed` says why).
    let confirmed: KeapView?
    /// Why a stored confirmed view did not read (written by a version whose view differs, or damaged). The stream
    /// is then handled as never confirmed, as before the typed view: the flush compares with what Keap shows (or
    /// looks it up) and sends what differs, which the idempotency rules make safe; the flush names the reason.
    let unreadableConfirmed: KeapViewDecodingError?

    init(_ pending: PendingStream, database: LedgerDatabase) throws(LedgerStoreError) {
        self.pending = pending
        desired = try DesiredState(stream: pending.stream, database: database)
        if let json = pending.confirmedJSON {
            do {
                confirmed = try KeapView(decoding: json, kind: pending.kind)
                unreadableConfirmed = nil
            } catch {
                confirmed = nil
                unreadableConfirmed = error
            }
        } else {
            confirmed = nil
            unreadableConfirmed = nil
        }
    }

    var view: KeapView { desired.view }
    var bytes: [UInt8] { desired.bytes }
    var hash: [UInt8] { desired.hash }
    var version: Int64 { desired.version }

    /// What the operator is told when the confirmed view did not read.
    var unreadableNote: String? {
        unreadableConfirmed.map { "the view Keap last confirmed does not read (\($0)); compared with Keap as if never confirmed" }
    }

    // The confirmed view of each kind (nil when there is none, or it is of another case: an unplaced order is never
    // confirmed).

    var confirmedOrder: KeapOrderView? {
        if case .order(let order)? = confirmed { order } else { nil }
    }

    var confirmedCustomer: KeapCustomerView? {
        if case .customer(let customer)? = confirmed { customer } else { nil }
    }

    var confirmedProduct: KeapProductView? {
        if case .product(let product)? = confirmed { product } else { nil }
    }

    var confirmedSubscription: KeapSubscriptionView? {
        if case .subscription(let subscription)? = confirmed { subscription } else { nil }
    }
}

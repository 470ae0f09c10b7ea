import LedgerCore
import LedgerProjection
import LedgerStore

/// One stream's Keap view folded from the log: what Keap should show, its SHA-256 (the outbox's `desired_hash`) and
/// the stream's last seq. The flush, relink and reconcile all compare against this.
struct DesiredState: Sendable {
    let stream: String
    let view: KeapView
    let bytes: [UInt8]
    let hash: [UInt8]
    let version: Int64

    init(stream: String, database: LedgerDatabase) throws(LedgerStoreError) {
        guard var state = StreamState(stream: stream) else {
            throw LedgerStoreError(.internalInvariant, "the outbox names a malformed stream \(stream)")
        }
        for event in try database.streamEvents(stream) {
            state.apply(event)
        }
        self.stream = stream
        view = KeapView(state)
        bytes = view.bytes
        hash = view.sha256
        version = state.progress.lastSeq ?? 0
    }

    // The typed view of the stream's kind. Callers ask for the kind the outbox row names, and only ready orders (the
    // outbox's `ready`, decided from the same fold) are asked for, so another case is a broken invariant, not input.

    func order() throws(LedgerStoreError) -> KeapOrderView {
        guard case .order(let order) = view else { throw mismatch("a placed order") }
        return order
    }

    func customer() throws(LedgerStoreError) -> KeapCustomerView {
        guard case .customer(let customer) = view else { throw mismatch("a customer") }
        return customer
    }

    func product() throws(LedgerStoreError) -> KeapProductView {
        guard case .product(let product) = view else { throw mismatch("a product") }
        return product
    }

    func subscription() throws(LedgerStoreError) -> KeapSubscriptionView {
        guard case .subscription(let subscription) = view else { throw mismatch("a subscription") }
        return subscription
    }

    private func mismatch(_ expected: String) -> LedgerStoreError {
        LedgerStoreError(.internalInvariant, "\(stream) was read as \(expected), but its Keap view is not one (ready: \(view.isReady))")
    }
}

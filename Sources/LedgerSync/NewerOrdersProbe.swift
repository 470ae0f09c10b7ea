import KeapClient
import LedgerCore
import LedgerStore

/// Before a flush creates orders: does Keap hold orders newer than any this ledger linked that carry an
/// `ExternalOrderRef` this ledger has not linked to them? Then its record of Keap ids is older than Keap (a database
/// file copied back by hand, or a second ledger writing to the same tenant), and creating without a lookup would
/// make a second Keap order for each order made since (seed 001: 69 duplicates of 145 orders in the trial).
///
/// One list call (`id > mark`, by id) per flush that has an order to create, plus one read of each newer order whose
/// list entry does not show its custom fields. The mark (`sync_state.order_probe_mark`) advances over every order
/// examined, so each Keap order is looked at once.
struct NewerOrdersProbe {
    let context: SyncContext

    /// Why the ledger must look up before creating, or nil when Keap has nothing it does not know.
    func run() async throws(StreamFailure) -> String? {
        guard let field = context.fields.entry(.orders, "ExternalOrderRef") else { return nil }
        let database = context.database
        let stored = try context.store { () throws(LedgerStoreError) in try database.syncState(.orderProbeMark) }
        let linked = try context.store { () throws(LedgerStoreError) in try database.highestLinkedOrderID() }
        let mark = max(stored.flatMap { Int64($0) } ?? 0, linked)
        let newer = try await context.keap("listing Keap orders newer than id \(mark)") { () throws(KeapCallError) in
            try await context.client.listOrders(filter: "id>\(mark)", orderBy: "id asc", pageSize: 1000)
        }
        var unlinked: [(ref: String, keapID: String)] = []
        var highest = mark
        for listed in newer {
            var order = listed
            if !order.customFieldsShown {
                let id = listed.id
                order = try await context.keap("reading Keap order \(id) for its ExternalOrderRef") { () throws(KeapCallError) in
                    try await context.client.getOrder(id: id)
                }
            }
            highest = max(highest, Int64(order.id) ?? highest)
            guard let ref = order.customFields.first(where: { $0.id == field.id })?.content, !ref.isEmpty else { continue }
            let entry = try context.store { () throws(LedgerStoreError) in try database.keapRef(KeapRefKey(.order, ref)) }
            if entry.keapID != order.id { unlinked.append((ref, order.id)) }
        }
        if highest > mark || stored == nil {
            try context.store { () throws(LedgerStoreError) in try database.setSyncState(.orderProbeMark, String(highest)) }
        }
        guard let first = unlinked.first else { return nil }
        return "Keap holds \(unlinked.count) order(s) newer than this ledger knows with an ExternalOrderRef it has not linked (first: \(first.ref), Keap id \(first.keapID)); the database may be an older copy. Every create now looks up first until `keap-ledger keap relink`"
    }
}

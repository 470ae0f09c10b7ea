import KeapClient
import LedgerCore
import LedgerStore

/// Every Keap order, grouped by the `ExternalOrderRef` it carries (exact value), for relink and a full reconcile:
/// a few list calls (1,000 orders each) instead of one lookup per order. An entry listed without its custom
/// fields (whether Keap's lists carry them is unverified) is read by id, once.
struct KeapOrderIndex {
    /// Exact `ExternalOrderRef` value -> the Keap orders carrying it, oldest first.
    private(set) var byRef: [String: [KeapOrder]] = [:]
    /// The highest Keap order id seen.
    private(set) var highestID: Int64 = 0
    /// Orders per list call: the OpenAPI's largest page.
    static let pageSize = 1000

    static func load(_ context: SyncContext) async throws(StreamFailure) -> KeapOrderIndex {
        var index = KeapOrderIndex()
        guard let field = context.fields.entry(.orders, "ExternalOrderRef") else { return index }
        let listed = try await context.keap("listing every Keap order") { () throws(KeapCallError) in
            // The OpenAPI's largest page: 10,000 orders in 10 calls, well inside the rate limit.
            try await context.client.listOrders(filter: nil, orderBy: "id asc", pageSize: pageSize)
        }
        if !listed.isEmpty {
            let shown = listed.allSatisfy(\.customFieldsShown)
            try context.store { () throws(LedgerStoreError) in
                try context.database.setSyncState(.orderListsShowCustomFields, shown ? "yes" : "no")
            }
        }
        for entry in listed {
            var order = entry
            if !order.customFieldsShown {
                let id = entry.id
                order = try await context.keap("reading Keap order \(id) for its ExternalOrderRef") { () throws(KeapCallError) in
                    try await context.client.getOrder(id: id)
                }
            }
            index.add(order, field: field)
        }
        return index
    }

    /// The Keap orders carrying exactly `ref` (a rule-2 lookup per ref: for a few refs, cheaper than listing all).
    static func lookUp(_ refs: [String], _ context: SyncContext) async throws(StreamFailure) -> KeapOrderIndex {
        var index = KeapOrderIndex()
        guard let field = context.fields.entry(.orders, "ExternalOrderRef") else { return index }
        for ref in refs {
            let candidates = try await context.keap("looking up order \(ref) by ExternalOrderRef") { () throws(KeapCallError) in
                try await context.client.listOrders(filter: SyncContext.exactFilter(fieldName: field.fieldName, value: ref))
            }
            let found = try await context.exactMatches(candidates, field: field, ref: ref, customFields: \.customFields, id: \.id) { id throws(StreamFailure) in
                try await context.keap("reading order \(id) to check its ExternalOrderRef") { () throws(KeapCallError) in
                    try await context.client.getOrder(id: id)
                }
            }
            for order in found { index.add(order, field: field) }
        }
        return index
    }

    /// The index for a reconcile of `refs` out of `ledgerOrders` orders: the full listing when it is known to cost
    /// fewer calls than one lookup per ref (Keap's lists carried custom fields last time, and the ledger's orders fit
    /// in fewer pages than there are refs: a sample of 100 out of 10,000 orders is 10 list calls, not 100 lookups),
    /// else a lookup per ref. Returns the index and the listing's page count when it listed.
    static func cheapest(
        for refs: [String], ledgerOrders: Int, _ context: SyncContext
    ) async throws(StreamFailure) -> (index: KeapOrderIndex, listedPages: Int?) {
        let pages = max(1, (ledgerOrders + pageSize - 1) / pageSize)
        let listsShowFields = try context.store { () throws(LedgerStoreError) -> String? in
            try context.database.syncState(.orderListsShowCustomFields)
        }
        if listsShowFields == "yes", pages < refs.count {
            return (try await load(context), pages)
        }
        return (try await lookUp(refs, context), nil)
    }

    func orders(for ref: String) -> [KeapOrder] { byRef[ref] ?? [] }

    /// Refs Keap carries, in ref order.
    var refs: [String] { byRef.keys.sorted() }

    private mutating func add(_ order: KeapOrder, field: CustomFieldDirectory.Entry) {
        highestID = max(highestID, Int64(order.id) ?? 0)
        guard let ref = order.customFields.first(where: { $0.id == field.id })?.content, !ref.isEmpty else { return }
        byRef[ref, default: []].append(order)
        byRef[ref]?.sort { SyncContext.isOlder($0.id, than: $1.id) }
    }
}

import Foundation
import KeapClient
import LedgerCore
import LedgerProjection
import LedgerStore
import LedgerThreads

/// `keap relink`: rebuilds the ledger's record of Keap ids from Keap by external reference, creating nothing (issue
/// #11, seed 001). For a ledger whose `keap_ref` is lost or old: one rebuilt from `export`, an old backup restored.
/// Contacts by `ExternalCustomerRef`, then email; products by SKU; orders by `ExternalOrderRef` (every Keap order
/// listed once), their items by the line ref in `notes` and their payments by the payment ref in the payment's note;
/// subscriptions by `ExternalSubscriptionRef`. An order whose Keap content equals the ledger's is recorded as
/// confirmed; every other relinked stream is left pending with nothing confirmed, so the next flush reads Keap and
/// sends only what differs. A relink that found no ambiguity ends lookup-first mode.
package struct KeapRelinker: Sendable {
    let database: LedgerDatabase
    let client: KeapClient
    let settings: SyncSettings
    let clock: any LedgerClock
    /// Where its blocking SQLite work runs: off Swift's cooperative pool (see `ThreadExecutor`).
    let writer: ThreadExecutor

    package init(database: LedgerDatabase, client: KeapClient, settings: SyncSettings, clock: any LedgerClock = SystemClock(),
                 writer: ThreadExecutor = ThreadExecutor(name: "keap-ledger-relink")) {
        self.database = database
        self.client = client
        self.settings = settings
        self.clock = clock
        self.writer = writer
    }

    package func relink(dryRun: Bool) async throws(SyncFailure) -> RelinkSummary {
        // Its SQLite work blocks a thread: on an executor of its own, never on the cooperative pool (see
        // `ThreadExecutor`; the flush does the same).
        try await withTaskExecutorPreference(writer) { () async throws(SyncFailure) -> RelinkSummary in
            try await relinkOnWriter(dryRun: dryRun)
        }
    }

    private func relinkOnWriter(dryRun: Bool) async throws(SyncFailure) -> RelinkSummary {
        let started = ContinuousClock.now
        let callsBefore = client.requestsSent
        // Relink rewrites what a flush relies on: never both at once.
        let lock = dryRun ? nil : try FlushLock(databasePath: database.path)
        defer { withExtendedLifetime(lock) {} }
        let context = SyncContext(database: database, client: client, settings: settings, fields: try CustomFieldDirectory(database: database))
        var summary = RelinkSummary()
        summary.dryRun = dryRun
        do {
            if !dryRun { _ = try database.project(clock: clock) }
            try await relinkContacts(context, dryRun: dryRun, into: &summary)
            try await relinkProducts(context, dryRun: dryRun, into: &summary)
            let highest = try await relinkOrders(context, dryRun: dryRun, into: &summary)
            try await relinkSubscriptions(context, dryRun: dryRun, into: &summary)
            if !dryRun {
                try database.setSyncState(.orderProbeMark, String(highest), clock: clock)
                if summary.isComplete {
                    if try database.syncState(.lookupFirst) != nil {
                        try database.setSyncState(.lookupFirst, nil, clock: clock)
                        summary.messages.append("lookup-first ended: the ledger's Keap ids match Keap again")
                    }
                } else {
                    summary.messages.append("some refs have several Keap objects (listed above); they stay unlinked and every create keeps looking up first until they are resolved (`keap-ledger reconcile --fix-duplicates`, or merge them in Keap) and relink runs again")
                }
            }
        } catch let failure as StreamFailure {
            throw Self.stopping(failure)
        } catch let error as LedgerStoreError {
            throw .database(error)
        } catch {
            throw .internalError("relink: \(error)")
        }
        summary.calls = client.requestsSent - callsBefore
        let elapsed = ContinuousClock.now - started
        summary.seconds = elapsed.seconds
        return summary
    }

    // MARK: - Per kind

    private func relinkContacts(_ context: SyncContext, dryRun: Bool, into summary: inout RelinkSummary) async throws {
        var tally = RelinkSummary.Tally()
        let sync = ContactSync(context: context)
        for row in try database.outboxRows(.customer) {
            let state = try DesiredState(stream: row.stream, database: database)
            let desired = try state.customer()
            var (found, ambiguity) = try await Self.lookedUp { () async throws(StreamFailure) in try await sync.lookUpByRef(desired) }
            if let ambiguity {
                tally.ambiguous[row.ref] = ambiguity
                continue
            }
            if found == nil { found = try await sync.lookUpByEmail(desired) }
            try link(KeapRefKey(.contact, row.ref), to: found?.id, stream: row.stream, dryRun: dryRun, tally: &tally)
            if let found, sync.shows(desired, found) {
                try confirm(state, stream: row.stream, dryRun: dryRun, into: &summary)
            }
        }
        summary.kinds["contact"] = tally
    }

    private func relinkProducts(_ context: SyncContext, dryRun: Bool, into summary: inout RelinkSummary) async throws {
        var tally = RelinkSummary.Tally()
        let sync = ProductSync(context: context)
        for row in try database.outboxRows(.product) {
            let (found, ambiguity) = try await Self.lookedUp { () async throws(StreamFailure) in try await sync.lookUp(row.ref) }
            if let ambiguity {
                tally.ambiguous[row.ref] = ambiguity
                continue
            }
            try link(KeapRefKey(.product, row.ref), to: found?.id, stream: row.stream, dryRun: dryRun, tally: &tally)
            // The desired state is read only for a product Keap has (no read for one the next flush creates).
            guard let found else { continue }
            let state = try DesiredState(stream: row.stream, database: database)
            if sync.shows(try state.product(), found) {
                try confirm(state, stream: row.stream, dryRun: dryRun, into: &summary)
            }
        }
        summary.kinds["product"] = tally
    }

    /// Returns the highest Keap order id seen (the newer-orders probe starts after it).
    private func relinkOrders(_ context: SyncContext, dryRun: Bool, into summary: inout RelinkSummary) async throws -> Int64 {
        var tally = RelinkSummary.Tally()
        let index = try await KeapOrderIndex.load(context)
        // Products were relinked just before: the items' product ids are compared with these links.
        let productIDs = Dictionary(try database.linkedRefs(.product).map { ($0.value, $0.key) }, uniquingKeysWith: { first, _ in first })
        for row in try database.outboxRows(.order) where row.ready {
            let found = index.orders(for: row.ref)
            guard found.count <= 1 else {
                tally.ambiguous[row.ref] = "Keap orders \(found.map(\.id).joined(separator: ", "))"
                continue
            }
            guard let order = found.first else {
                try link(KeapRefKey(.order, row.ref), to: nil, stream: row.stream, dryRun: dryRun, tally: &tally)
                continue
            }
            let desiredState = try DesiredState(stream: row.stream, database: database)
            let desired = try desiredState.order()
            let orderKey = KeapRefKey(.order, row.ref)
            try link(orderKey, to: order.id, stream: row.stream, dryRun: dryRun, tally: &tally)
            guard !dryRun else { continue }
            let items = OrderSync.mapItems(order, desired)
            for (key, id) in items.sorted(by: { $0.key < $1.key }) {
                try relinkChild(KeapRefKey(.orderItem, owner: row.ref, key), to: id)
            }
            var payments: [KeapOrderPayment] = []
            if !desired.payments.isEmpty {
                let orderID = order.id
                payments = try await context.keap("listing the payments of order \(row.ref)") { () throws(KeapCallError) in
                    try await context.client.listOrderPayments(orderID: orderID)
                }
                for payment in desired.payments {
                    // A whole payment under its ref, or each part of one recorded in parts under its own note.
                    for match in payments where PaymentPart.belongs(match.note, to: payment.paymentRef) {
                        try relinkChild(KeapRefKey(.payment, owner: row.ref, match.note ?? payment.paymentRef), to: match.id)
                    }
                }
            }
            // Confirmed only when Keap shows exactly what the ledger wants, every payment included.
            let contact = OrderComparison.Contact(
                keapID: try database.keapRef(KeapRefKey(.contact, desired.customerRef ?? "")).keapID, email: nil)
            var comparison = OrderComparison(desired: desired, currency: desired.currency, fields: context.fields)
            comparison.productIDs = productIDs
            let everyPaymentLinked = comparison.expectedPayments.allSatisfy { payment in payments.contains { PaymentPart.belongs($0.note, to: payment.paymentRef) } }
            if comparison.differences(order, contact: contact).isEmpty, everyPaymentLinked {
                try confirm(desiredState, stream: row.stream, dryRun: dryRun, into: &summary)
            } else {
                try database.markUnconfirmed(row.stream, clock: clock)
            }
        }
        summary.kinds["order"] = tally
        return index.highestID
    }

    private func relinkSubscriptions(_ context: SyncContext, dryRun: Bool, into summary: inout RelinkSummary) async throws {
        var tally = RelinkSummary.Tally()
        let sync = SubscriptionSync(context: context)
        for row in try database.outboxRows(.subscription) where row.ready {
            let state = try DesiredState(stream: row.stream, database: database)
            let desired = try state.subscription()
            let (found, ambiguity) = try await Self.lookedUp { () async throws(StreamFailure) in try await sync.lookUp(desired) }
            if let ambiguity {
                tally.ambiguous[row.ref] = ambiguity
                continue
            }
            try link(KeapRefKey(.subscription, row.ref), to: found?.id, stream: row.stream, dryRun: dryRun, tally: &tally)
            if let found, sync.differences(desired, found).isEmpty {
                try confirm(state, stream: row.stream, dryRun: dryRun, into: &summary)
            }
        }
        summary.kinds["subscription"] = tally
    }

    // MARK: - Recording

    /// Records `key` -> `id` (nil: not in Keap). A link to another id ends (kept in the history); a link Keap no
    /// longer has is ended too, so the next flush creates the object anew. A changed link leaves the stream pending
    /// with nothing confirmed.
    private func link(_ key: KeapRefKey, to id: String?, stream: String, dryRun: Bool, tally: inout RelinkSummary.Tally) throws {
        let current = try database.keapRef(key)
        guard let id else {
            tally.notFound.append(key.ref)
            if !dryRun, current != .unknown {
                try database.unlinkKeapRef(key, reason: "relink: not found in Keap", clock: clock)
                try database.markUnconfirmed(stream, clock: clock)
            }
            return
        }
        if current.keapID == id {
            tally.unchanged += 1
            return
        }
        tally.linked += 1
        guard !dryRun else { return }
        if current.keapID != nil { try database.unlinkKeapRef(key, reason: "relink: Keap shows id \(id)", clock: clock) }
        try database.recordKeapID(key, id: id, adopted: true, clock: clock)
        if key.kind != .order { try database.markUnconfirmed(stream, clock: clock) }
    }

    /// Keap shows exactly what the ledger wants: recorded as confirmed, so the next flush sends nothing for it.
    private func confirm(_ state: DesiredState, stream: String, dryRun: Bool, into summary: inout RelinkSummary) throws {
        guard !dryRun else { return }
        try database.markConfirmed(stream, hash: state.hash, version: state.version, json: state.bytes, clock: clock)
        summary.confirmed += 1
    }

    private func relinkChild(_ key: KeapRefKey, to id: String) throws {
        let current = try database.keapRef(key)
        guard current.keapID != id else { return }
        if current.keapID != nil { try database.unlinkKeapRef(key, reason: "relink: Keap shows id \(id)", clock: clock) }
        try database.recordKeapID(key, id: id, adopted: true, clock: clock)
    }

    /// A rule-2 lookup's answer, or, when it refused because Keap has several candidates, what it said (the ids).
    private static func lookedUp<Found>(
        _ lookUp: () async throws(StreamFailure) -> Found?
    ) async throws(StreamFailure) -> (found: Found?, ambiguity: String?) {
        do {
            return (try await lookUp(), nil)
        } catch {
            guard case .refused(let message) = error else { throw error }
            return (nil, message)
        }
    }

    /// A failure that stops the relink: credentials and the database stop it at once, and so does anything else
    /// (a half-finished relink keeps lookup-first on, so running it again is safe).
    static func stopping(_ failure: StreamFailure) -> SyncFailure {
        switch failure {
        case .authentication(let error): .keap(error)
        case .database(let error): .database(error)
        case .retryable(let message), .blocked(let message): .interrupted("stopped: \(message); nothing done so far is harmful, run it again")
        case .refused(let message): .keapConflict("stopped: \(message)")
        }
    }
}

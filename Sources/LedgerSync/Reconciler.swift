import Foundation
import KeapClient
import LedgerCore
import LedgerProjection
import LedgerStore
import LedgerThreads

/// `keap-ledger reconcile`: what Keap really holds, order by order, against the ledger (issue #11, seed 002). Every
/// complete ledger order in the window gets one verdict; a full run also reports Keap orders carrying refs the
/// ledger does not know. `--fix` repairs through the outbox (the ledger is the source of truth for order data) and
/// audits every action; contact details and foreign orders are only reported.
package struct Reconciler: Sendable {
    let database: LedgerDatabase
    let client: KeapClient
    let settings: SyncSettings
    let clock: any LedgerClock
    /// Where its blocking SQLite work runs: off Swift's cooperative pool (see `ThreadExecutor`).
    let writer: ThreadExecutor

    package init(database: LedgerDatabase, client: KeapClient, settings: SyncSettings, clock: any LedgerClock = SystemClock(),
                 writer: ThreadExecutor = ThreadExecutor(name: "keap-ledger-reconcile")) {
        self.database = database
        self.client = client
        self.settings = settings
        self.clock = clock
        self.writer = writer
    }

    package func reconcile(_ options: ReconcileOptions) async throws(SyncFailure) -> ReconcileReport {
        // Its SQLite work blocks a thread: on an executor of its own, never on the cooperative pool (see
        // `ThreadExecutor`; the flush does the same).
        try await withTaskExecutorPreference(writer) { () async throws(SyncFailure) -> ReconcileReport in
            try await reconcileOnWriter(options)
        }
    }

    private func reconcileOnWriter(_ options: ReconcileOptions) async throws(SyncFailure) -> ReconcileReport {
        let started = ContinuousClock.now
        let callsBefore = client.requestsSent
        // A repair rewrites what a flush relies on: never both at once. A plain check writes only its own time.
        let lock = options.fix ? try FlushLock(databasePath: database.path) : nil
        defer { withExtendedLifetime(lock) {} }
        let context = SyncContext(database: database, client: client, settings: settings, fields: try CustomFieldDirectory(database: database))
        var report = ReconcileReport()
        do {
            let startedAt = clock.now().utcText
            _ = try database.project(clock: clock)
            let all = try database.outboxRows(.order)
            let selected = try select(all, options, report: &report)
            let index: KeapOrderIndex
            if options.refs.isEmpty && options.sample == nil {
                index = try await KeapOrderIndex.load(context)
            } else {
                let cheapest = try await KeapOrderIndex.cheapest(for: selected.map(\.ref), ledgerOrders: all.count, context)
                index = cheapest.index
                if let pages = cheapest.listedPages {
                    report.messages.append("listed every Keap order (\(pages) page(s) of \(KeapOrderIndex.pageSize)) instead of \(selected.count) lookups: fewer calls")
                }
            }
            let emails = try database.customerEmails()
            let productIDs = Dictionary(try database.linkedRefs(.product).map { ($0.value, $0.key) }, uniquingKeysWith: { first, _ in first })
            for row in selected {
                report.checked += 1
                guard let found = try verdict(row, index: index, emails: emails, productIDs: productIDs, context: context) else {
                    report.ok += 1
                    continue
                }
                report.discrepancies.append(found)
            }
            if options.refs.isEmpty && options.sample == nil && options.since == nil && options.until == nil {
                for row in try database.outboxRows(.subscription) where row.ready {
                    report.checked += 1
                    if let found = try await subscriptionVerdict(row, context: context) {
                        report.discrepancies.append(found)
                    } else {
                        report.ok += 1
                    }
                }
            }
            if options.refs.isEmpty && options.sample == nil {
                let known = Set(all.map(\.ref))
                for ref in index.refs where !known.contains(ref) {
                    report.checked += 1
                    report.discrepancies.append(Discrepancy(
                        ref: ref, kind: .extra, keapIDs: index.orders(for: ref).map(\.id), fields: [],
                        cause: "Keap order(s) carry ExternalOrderRef \(ref), which no order in the ledger has (a phone order, another integration, a typo)"))
                }
            }
            // Findings an earlier --fix reported as not the ledger's to change, and unchanged since: a foreign order by
            // its ref and Keap ids; a contact's changed email by the emails alone (it is the contact's, shown on each of
            // its orders).
            let reports = try database.auditEntries(since: nil).filter { $0.action == "report" && ($0.kind == DiscrepancyKind.extra.rawValue || $0.kind == DiscrepancyKind.mismatch.rawValue) }
            let foreign = Set(reports.filter { $0.kind == DiscrepancyKind.extra.rawValue }.map { "\($0.ref)\u{0}\($0.before ?? "")" })
            let contacts = Set(reports.filter { $0.kind == DiscrepancyKind.mismatch.rawValue }.compactMap(\.before))
            for index in report.discrepancies.indices {
                let discrepancy = report.discrepancies[index]
                if discrepancy.kind == .extra {
                    report.discrepancies[index].acknowledged = foreign.contains("\(discrepancy.ref)\u{0}\(discrepancy.reportedState)")
                } else if discrepancy.isContactOnly {
                    report.discrepancies[index].acknowledged = contacts.contains(discrepancy.reportedState)
                }
            }
            if options.fix {
                var rows = Dictionary(all.map { ($0.ref, $0) }, uniquingKeysWith: { first, _ in first })
                for row in try database.outboxRows(.subscription) { rows[row.stream] = row }
                for discrepancy in report.discrepancies where !discrepancy.acknowledged {
                    report.actions.append(contentsOf: try await repair(discrepancy, row: rows[discrepancy.ref], index: index, options: options, context: context))
                }
                if report.actions.contains(where: { $0.outcome == "queued" }) {
                    report.messages.append("repairs are queued in the outbox: run `keap-ledger outbox flush` to send them")
                }
            }
            if let reason = try database.syncState(.lookupFirst) {
                report.messages.append("every create looks up first (\(reason)); `keap-ledger keap relink` links what Keap has and ends it")
            }
            try database.setSyncState(.lastReconcileAt, startedAt, clock: clock)
        } catch let failure as StreamFailure {
            throw KeapRelinker.stopping(failure)
        } catch let error as LedgerStoreError {
            throw .database(error)
        } catch let failure as SyncFailure {
            throw failure
        } catch {
            throw .internalError("reconcile: \(error)")
        }
        report.calls = client.requestsSent - callsBefore
        let elapsed = ContinuousClock.now - started
        report.seconds = elapsed.seconds
        return report
    }

    // MARK: - What to check

    /// The complete orders in the window (and among `refs`); with `sample`, N random synced ones plus every one
    /// changed since the last reconcile.
    private func select(_ rows: [OutboxRow], _ options: ReconcileOptions, report: inout ReconcileReport) throws(LedgerStoreError) -> [OutboxRow] {
        let wanted = Set(options.refs)
        var selected = rows.filter { row in
            guard row.ready else { return false }
            if !wanted.isEmpty, !wanted.contains(row.ref) { return false }
            if let since = options.since, (row.placedAt ?? "") < since { return false }
            if let until = options.until, (row.placedAt ?? "") > until { return false }
            return true
        }
        let unknown = wanted.subtracting(rows.map(\.ref))
        if !unknown.isEmpty {
            report.messages.append("not orders of this ledger (looked up in Keap all the same): \(unknown.sorted().joined(separator: ", "))")
        }
        guard let sample = options.sample else { return selected }
        let last = try database.syncState(.lastReconcileAt) ?? ""
        var generator = SplitMix64(seed: options.sampleSeed)
        let changed = selected.filter { $0.status != "idle" || ($0.confirmedAt ?? "") >= last }
        let changedRefs = Set(changed.map(\.ref))
        let synced = selected.filter { $0.status == "idle" && $0.isConfirmed && !changedRefs.contains($0.ref) }
        let drawn = synced.shuffled(using: &generator).prefix(sample)
        report.messages.append("sample: \(drawn.count) random synced order(s) (seed \(options.sampleSeed)) and \(changed.count) changed since the last reconcile\(last.isEmpty ? "" : " at \(last)")")
        selected = (changed + drawn).sorted { $0.ref < $1.ref }
        return selected
    }

    // MARK: - One order's verdict

    private func verdict(
        _ row: OutboxRow, index: KeapOrderIndex, emails: [String: String], productIDs: [String: String], context: SyncContext
    ) throws -> Discrepancy? {
        let keapOrders = index.orders(for: row.ref)
        let link = try database.keapRef(KeapRefKey(.order, row.ref))
        let linkedID = link.keapID
        if keapOrders.count > 1 {
            let linked = linkedID.map { id in keapOrders.contains { $0.id == id } ? "the ledger is linked to Keap id \(id)" : "the ledger is linked to Keap id \(id), which is none of them" }
                ?? "the ledger is linked to none of them"
            return Discrepancy(ref: row.ref, kind: .duplicate, keapIDs: keapOrders.map(\.id), fields: [],
                               cause: "Keap has \(keapOrders.count) orders for this ref; \(linked)")
        }
        if row.status != "idle" || link == .intent {
            return Discrepancy(ref: row.ref, kind: .unsent, keapIDs: keapOrders.map(\.id), fields: [], cause: unsentCause(row, link: link))
        }
        guard let order = keapOrders.first else {
            let history = try database.keapRef(KeapRefKey(.order, row.ref))
            let cause = history.keapID.map { "deleted in Keap: the ledger linked Keap id \($0) and Keap no longer has an order for this ref" }
                ?? "never sent: the ledger has no Keap id for it"
            return Discrepancy(ref: row.ref, kind: .missing, keapIDs: linkedID.map { [$0] } ?? [], fields: [], cause: cause)
        }
        let stream = try DesiredState(stream: row.stream, database: database)
        let desired = try stream.order()
        let contact = OrderComparison.Contact(
            keapID: try database.keapRef(KeapRefKey(.contact, desired.customerRef ?? "")).keapID,
            email: desired.customerRef.flatMap { emails[$0] })
        var comparison = OrderComparison(desired: desired, currency: desired.currency, fields: context.fields)
        comparison.productIDs = productIDs
        var fields = comparison.differences(order, contact: contact)
        if let linkedID, linkedID != order.id {
            fields.insert(FieldDifference(field: "keap id", ledger: linkedID, keap: order.id), at: 0)
        }
        guard !fields.isEmpty else { return nil }
        if fields.allSatisfy({ $0.field == "contact email" }) {
            return Discrepancy(ref: row.ref, kind: .mismatch, keapIDs: [order.id], fields: fields,
                               cause: "the Keap contact's email differs from the ledger's customer: changed in Keap (contact details may be kept there; reported, never overwritten)")
        }
        return Discrepancy(ref: row.ref, kind: .mismatch, keapIDs: [order.id], fields: fields, cause: mismatchCause(row, order))
    }

    /// A subscription's verdict (full runs): looked up by `ExternalSubscriptionRef`, one call each. Its discrepancy's
    /// ref is the stream (`subscription/REF`), so it cannot be taken for an order's.
    private func subscriptionVerdict(_ row: OutboxRow, context: SyncContext) async throws -> Discrepancy? {
        let desired = try DesiredState(stream: row.stream, database: database).subscription()
        let link = try database.keapRef(KeapRefKey(.subscription, row.ref))
        let sync = SubscriptionSync(context: context)
        let found: KeapSubscription?
        do {
            found = try await sync.lookUp(desired)
        } catch {
            guard case .refused(let message) = error else { throw error }
            return Discrepancy(ref: row.stream, kind: .duplicate, keapIDs: [], fields: [], cause: message)
        }
        if row.status != "idle" || link == .intent {
            return Discrepancy(ref: row.stream, kind: .unsent, keapIDs: found.map { [$0.id] } ?? [], fields: [], cause: unsentCause(row, link: link))
        }
        guard let keap = found else {
            let cause = link.keapID.map { "deleted in Keap: the ledger linked Keap subscription \($0)" } ?? "never sent: the ledger has no Keap id for it"
            return Discrepancy(ref: row.stream, kind: .missing, keapIDs: link.keapID.map { [$0] } ?? [], fields: [], cause: cause)
        }
        var fields = sync.differences(desired, keap)
        if let linked = link.keapID, linked != keap.id {
            fields.insert(FieldDifference(field: "keap id", ledger: linked, keap: keap.id), at: 0)
        }
        guard !fields.isEmpty else { return nil }
        return Discrepancy(ref: row.stream, kind: .mismatch, keapIDs: [keap.id], fields: fields,
                           cause: "differs from what Keap confirmed at \(row.confirmedAt.map { String($0.prefix(19)) + "Z" } ?? "(never)")")
    }

    private func unsentCause(_ row: OutboxRow, link: KeapRefEntry) -> String {
        if row.status == "parked" { return "parked: \(row.parkedReason ?? row.lastError ?? "by an operator")" }
        if link == .intent { return "a create's outcome is unknown; the next flush looks it up in Keap before creating it" }
        if row.attempts > 0 { return "failed \(row.attempts) time(s), last: \(row.lastError ?? "?"); the next flush tries again" }
        return link.keapID == nil ? "never sent: pending in the outbox, the next flush sends it" : "changed in the ledger since Keap confirmed it; the next flush sends it"
    }

    private func mismatchCause(_ row: OutboxRow, _ order: KeapOrder) -> String {
        // Both are UTC; compare whole seconds (Keap writes `…Z` or with milliseconds, the ledger with nanoseconds).
        let confirmed = row.confirmedAt.map { String($0.prefix(19)) }
        let modified = order.modificationTime.map { String($0.prefix(19)) }
        // Same second counts as after: an order that differs was not left so by our own write of that second.
        if let confirmed, let modified, modified >= confirmed {
            return "changed in Keap at \(modified)Z, after the ledger's last confirmed write at \(confirmed)Z: someone edited it in Keap"
        }
        if let confirmed {
            return "differs from what Keap confirmed at \(confirmed)Z, and Keap shows no later change"
        }
        return "the ledger has never confirmed this order's state in Keap"
    }

    // MARK: - Repairs

    private func repair(
        _ discrepancy: Discrepancy, row: OutboxRow?, index: KeapOrderIndex, options: ReconcileOptions, context: SyncContext
    ) async throws -> [ReconcileAuditEntry] {
        let ref = discrepancy.ref
        func audit(_ action: String, before: String?, after: String?, outcome: String) throws -> ReconcileAuditEntry {
            let entry = ReconcileAuditEntry(at: clock.now().utcText, actor: options.actor, ref: ref, kind: discrepancy.kind.rawValue,
                                            action: action, before: before, after: after, outcome: outcome)
            try database.recordAudit(entry)
            return entry
        }
        let summary = discrepancy.fields.map(\.description).joined(separator: "; ")
        switch discrepancy.kind {
        case .unsent:
            return []
        case .extra:
            return [try audit("report", before: discrepancy.reportedState, after: nil, outcome: "not changed: not the ledger's order to delete")]
        case .missing:
            guard let row else { return [] }
            let key = row.kind == .subscription ? KeapRefKey(.subscription, row.ref) : KeapRefKey(.order, ref)
            if try database.keapRef(key) != .unknown {
                try database.unlinkKeapRef(key, reason: "reconcile: not in Keap any more", clock: clock)
            }
            try database.markUnconfirmed(row.stream, clock: clock)
            return [try audit("resend", before: discrepancy.keapIDs.isEmpty ? "no Keap order" : "Keap id \(discrepancy.keapIDs.joined(separator: ", ")) gone",
                              after: "pending: the next flush creates it (a new Keap id; the old one stays in the history)", outcome: "queued")]
        case .mismatch:
            guard let row else { return [] }
            if discrepancy.isContactOnly {
                return [try audit("report", before: discrepancy.reportedState, after: nil, outcome: "not changed: contact details may be kept in Keap (seed 002); fix them where they belong")]
            }
            // Linked to an id Keap no longer shows for this ref, while Keap has one order for it: that one is ours.
            if let shown = discrepancy.keapIDs.first, discrepancy.fields.contains(where: { $0.field == "keap id" }) {
                let key = row.kind == .subscription ? KeapRefKey(.subscription, row.ref) : KeapRefKey(.order, ref)
                try database.unlinkKeapRef(key, reason: "reconcile: Keap shows id \(shown)", clock: clock)
                try database.recordKeapID(key, id: shown, adopted: true, clock: clock)
            }
            try database.markUnconfirmed(row.stream, clock: clock)
            return [try audit("update", before: summary, after: "pending: the next flush sends the ledger's state to Keap id \(discrepancy.keapIDs.first ?? "?")", outcome: "queued")]
        case .duplicate:
            // Keap subscriptions may carry payments and billing history: their copies are a person's to merge.
            guard options.fixDuplicates, row?.kind != .subscription else {
                return [try audit("report", before: discrepancy.reportedState, after: nil,
                                  outcome: "not changed: pass --fix-duplicates to delete the copies without payments")]
            }
            return try await removeDuplicates(discrepancy, row: row, index: index, context: context, audit: audit)
        }
    }

    /// Keeps the copy the ledger is linked to (else the oldest) and deletes every other copy that has no payment;
    /// a copy with payments is never deleted: it is named for a person to merge.
    private func removeDuplicates(
        _ discrepancy: Discrepancy, row: OutboxRow?, index: KeapOrderIndex, context: SyncContext,
        audit: (String, String?, String?, String) throws -> ReconcileAuditEntry
    ) async throws -> [ReconcileAuditEntry] {
        let ref = discrepancy.ref
        let copies = index.orders(for: ref)
        let key = KeapRefKey(.order, ref)
        let linked = try database.keapRef(key).keapID
        guard let keep = copies.first(where: { $0.id == linked }) ?? copies.first else { return [] }
        var entries: [ReconcileAuditEntry] = []
        for copy in copies where copy.id != keep.id {
            let id = copy.id
            let payments = try await context.keap("listing the payments of Keap order \(id)") { () throws(KeapCallError) in
                try await context.client.listOrderPayments(orderID: id)
            }
            if !payments.isEmpty || copy.totalPaid.amount != 0 {
                entries.append(try audit("delete_duplicate", "Keap id \(id) (\(payments.count) payment(s))", nil,
                                         "refused: it has payments; merge Keap orders \(id) and \(keep.id) by hand"))
                continue
            }
            try await context.keap("deleting duplicate Keap order \(id) of \(ref)") { () throws(KeapCallError) in
                try await context.client.deleteOrder(id: id)
            }
            entries.append(try audit("delete_duplicate", "Keap id \(id)", "Keap id \(keep.id) kept", "done"))
        }
        if linked != keep.id, let row {
            if linked != nil { try database.unlinkKeapRef(key, reason: "reconcile: duplicate, kept Keap id \(keep.id)", clock: clock) }
            try database.recordKeapID(key, id: keep.id, adopted: true, clock: clock)
            try database.markUnconfirmed(row.stream, clock: clock)
            entries.append(try audit("relink", linked.map { "Keap id \($0)" } ?? "not linked", "Keap id \(keep.id)", "queued"))
        }
        return entries
    }
}

import Foundation
import KeapClient
import LedgerCore
import LedgerProjection
import LedgerStore
import LedgerThreads

/// `keap-ledger outbox flush`: sends every pending outbox stream to Keap under spec/keap-sync.md's rules. Customers
/// and products go first (orders and subscriptions need their ids), then orders, then subscriptions. Each stream's
/// calls run in order, one attempt per stream per flush; several streams run at once, all through the client's one
/// rate limiter.
package struct OutboxFlusher: Sendable {
    let database: LedgerDatabase
    let client: KeapClient
    let settings: SyncSettings
    let clock: any LedgerClock
    /// Where the flush runs, its streams included (child tasks inherit it): off the cooperative pool, see its type.
    let writer: ThreadExecutor

    package init(database: LedgerDatabase, client: KeapClient, settings: SyncSettings, clock: any LedgerClock = SystemClock(),
                 writer: ThreadExecutor = ThreadExecutor(name: "keap-ledger-flush")) {
        self.database = database
        self.client = client
        self.settings = settings
        self.clock = clock
        self.writer = writer
    }

    /// The order kinds are sent in: a phase starts when the one before has finished, so the contacts and products
    /// an order or a subscription needs are in Keap by then (else it waits, blocked, for the next flush).
    static let phases: [StreamKind] = [.customer, .product, .order, .subscription]

    /// How one stream's attempt ended.
    private enum Attempt: Sendable {
        case sent(note: String?)
        case blocked(String)
        case failed(String, parked: Bool)
        case stop(SyncFailure)
    }

    package func flush(_ options: FlushOptions, dryRunLine: @Sendable (String) -> Void = { _ in }) async throws(SyncFailure) -> FlushSummary {
        // Everything below that touches SQLite blocks its thread; the task group's stream tasks inherit the preference.
        try await withTaskExecutorPreference(writer) { () async throws(SyncFailure) -> FlushSummary in
            try await flushOnWriter(options, dryRunLine: dryRunLine)
        }
    }

    private func flushOnWriter(_ options: FlushOptions, dryRunLine: @Sendable (String) -> Void) async throws(SyncFailure) -> FlushSummary {
        let started = ContinuousClock.now
        let callsBefore = client.requestsSent
        // The lock comes first: a second flush must say "busy", whatever else is wrong. A dry run writes nothing.
        let lock = options.dryRun ? nil : try FlushLock(databasePath: database.path)
        defer { withExtendedLifetime(lock) {} }
        let fields = try CustomFieldDirectory(database: database)
        var context = SyncContext(database: database, client: client, settings: try resolvedSettings(), fields: fields)
        if context.settings.chargeItems == .product {
            let recorded: [String: String]?
            do { recorded = try KeapChargeProductSetup.recorded(database) } catch { throw .database(error) }
            guard let recorded else {
                throw .setupMissing("charges are sent as PRODUCT items (\(settings.chargeItemsGiven ? "KEAP_CHARGE_ITEMS=product" : "as `keap doctor --probe` found")), but the charge products \(ChargeProducts.skus.map(\.sku).joined(separator: ", ")) are not recorded: run `keap-ledger keap setup` first")
            }
            context.chargeProductIDs = recorded
        }
        do { context.lookupFirst = try database.syncState(.lookupFirst) != nil } catch { throw .database(error) }
        var summary = FlushSummary()
        if options.dryRun {
            // A dry run writes nothing, so it cannot fold what `ingest --no-project` left: it says so instead of
            // presenting a plan that silently leaves those events out.
            do {
                let lag = try database.projectionLag()
                if lag.head > lag.checkpoint {
                    summary.messages.append("the projections are \(lag.head - lag.checkpoint) events behind the log (seq \(lag.checkpoint + 1) to \(lag.head) not folded yet): this plan leaves them out; a real flush folds them first, or run `keap-ledger project` and plan again")
                }
            } catch {
                throw .database(error)
            }
            try DryRunPlanner(context: context).plan(limit: options.limit, line: dryRunLine, summary: &summary)
            summary.seconds = Self.seconds(since: started)
            return summary
        }
        do {
            _ = try database.project(clock: clock)
        } catch {
            throw .database(error)
        }
        try await decideLookupFirst(&context, summary: &summary)
        var remaining = options.limit ?? Int.max
        for kind in Self.phases {
            let streams: [PendingStream]
            do { streams = try database.pendingStreams(kind, limit: remaining == Int.max ? nil : remaining) } catch { throw .database(error) }
            remaining -= streams.count
            try await run(streams, context: context, summary: &summary)
        }
        summary.calls = client.requestsSent - callsBefore
        summary.seconds = Self.seconds(since: started)
        return summary
    }

    /// Whether this run's creates look up first (issue #11): already so when a restore or the probe said it; else the
    /// probe runs when some order is about to be created. A probe that cannot finish makes this run look up first
    /// (safe, a call per create) without recording it.
    private func decideLookupFirst(_ context: inout SyncContext, summary: inout FlushSummary) async throws(SyncFailure) {
        do {
            if let reason = try database.syncState(.lookupFirst) {
                summary.messages.append("every create looks up first: \(reason)")
                return
            }
            guard try database.hasPendingOrderToCreate() else { return }
        } catch {
            throw .database(error)
        }
        let reason: String?
        do {
            reason = try await NewerOrdersProbe(context: context).run()
        } catch {
            switch error {
            case .authentication(let error): throw .keap(error)
            case .database(let error): throw .database(error)
            case .retryable(let message), .refused(let message), .blocked(let message):
                context.lookupFirst = true
                summary.messages.append("could not check Keap for orders newer than this ledger knows (\(message)); this run looks up before every create")
            }
            return
        }
        guard let reason else { return }
        do { try database.setSyncState(.lookupFirst, reason, clock: clock) } catch { throw .database(error) }
        context.lookupFirst = true
        summary.messages.append("warning: \(reason)")
    }

    /// The settings with what `keap doctor --probe` learnt of the tenant, where the environment gave nothing.
    private func resolvedSettings() throws(SyncFailure) -> SyncSettings {
        do { return settings.applying(try TenantFindings.load(database)) } catch { throw .database(error) }
    }

    /// Runs `streams` with at most `settings.concurrency` at once; stops scheduling on a run-stopping failure.
    private func run(_ streams: [PendingStream], context: SyncContext, summary: inout FlushSummary) async throws(SyncFailure) {
        var stop: SyncFailure?
        await withTaskGroup(of: (PendingStream, Attempt).self) { group in
            var next = streams.makeIterator()
            var running = 0
            func schedule() {
                guard stop == nil, let stream = next.next() else { return }
                running += 1
                group.addTask { (stream, await attempt(stream, context: context)) }
            }
            for _ in 0..<max(1, settings.concurrency) { schedule() }
            while running > 0, let (stream, attempt) = await group.next() {
                running -= 1
                switch attempt {
                case .sent(let note):
                    summary.sent += 1
                    if let note { summary.messages.append("\(stream.stream): \(note)") }
                case .blocked(let reason):
                    summary.skipped += 1
                    summary.messages.append("\(stream.stream): skipped, \(reason)")
                case .failed(let message, let parked):
                    if parked { summary.parked += 1 } else { summary.failed += 1 }
                    summary.messages.append("\(stream.stream): \(parked ? "parked" : "failed"): \(message)")
                case .stop(let failure):
                    stop = stop ?? failure
                }
                schedule()
            }
        }
        if let stop { throw stop }
    }

    private func attempt(_ pending: PendingStream, context: SyncContext) async -> Attempt {
        let snapshot: StreamSnapshot
        do { snapshot = try StreamSnapshot(pending, database: database) } catch { return .stop(.database(error)) }
        do {
            var note: String?
            switch pending.kind {
            case .customer:
                try await ContactSync(context: context).sync(try snapshot.desired.customer(), confirmed: snapshot.confirmedCustomer)
            case .product:
                try await ProductSync(context: context).sync(try snapshot.desired.product(), confirmed: snapshot.confirmedProduct)
            case .order:
                note = try await OrderSync(context: context).sync(try snapshot.desired.order(), confirmed: snapshot.confirmedOrder)
            case .subscription:
                try await SubscriptionSync(context: context).sync(try snapshot.desired.subscription(), confirmed: snapshot.confirmedSubscription)
            }
            // Kept with the confirmation and printed: the operator sees that a stored view did not read, and why.
            if let unreadable = snapshot.unreadableNote { note = [unreadable, note].compactMap { $0 }.joined(separator: "; ") }
            try database.recordFlush(pending.stream, .confirmed(hash: snapshot.hash, version: snapshot.version, confirmedJSON: snapshot.bytes, note: note),
                                     maxAttempts: settings.maxAttempts, clock: clock)
            return .sent(note: note)
        } catch let failure as StreamFailure {
            return record(pending, failure)
        } catch let error as LedgerStoreError {
            return .stop(.database(error))
        } catch {
            return .stop(.internalError("flushing \(pending.stream): \(error)"))
        }
    }

    private func record(_ pending: PendingStream, _ failure: StreamFailure) -> Attempt {
        do {
            switch failure {
            case .blocked(let reason):
                return .blocked(reason)
            case .authentication(let error):
                return .stop(.keap(error))
            case .database(let error):
                return .stop(.database(error))
            case .retryable(let message):
                let parked = try database.recordFlush(pending.stream, .failed(message: message), maxAttempts: settings.maxAttempts, clock: clock)
                return .failed(message, parked: parked)
            case .refused(let message):
                _ = try database.recordFlush(pending.stream, .refused(message: message), maxAttempts: settings.maxAttempts, clock: clock)
                return .failed(message, parked: true)
            }
        } catch {
            return .stop(.database(error))
        }
    }

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return elapsed.seconds
    }
}

import Foundation
import KeapClient
import KeapSandbox
import LedgerCore
import LedgerIngest
import LedgerStore
import LedgerSync

/// One measured flush, from nothing: a fresh ledger on disk with the bench feed ingested, a fresh Keap sandbox in
/// this process on 127.0.0.1, `keap setup`, then `OutboxFlusher.flush` timed. Fresh each time so every run sends
/// the same streams to an empty Keap; its files are deleted afterwards.
struct FlushBenchRun {
    let feed: BenchOrderFeed
    let feedPath: String
    /// This run's own directory (deleted by the caller).
    let directory: String
    let limiter: LimiterMode
    /// With the limiter: cancel the flush after this long.
    let seconds: Double
    let concurrency: Int
    /// nil: one flush, as before. A rate (0 included, the anchor): that share of `/v2` requests faulted after setup,
    /// and flushes repeated until nothing is pending, like a cron job; timed over all of them.
    let faultRate: Double?
    /// The slow fault's delay.
    let slow: Duration
    let transport: BenchTransport

    /// Flushes one completed run may take before the bench gives up on it.
    static let maxRounds = 30

    func measure() async throws -> BenchReport {
        let database = try LedgerDatabase(path: directory + "/ledger.sqlite")
        let ingestStart = ContinuousClock.now
        let ingested = try IngestService(database: database).run(inputs: try IngestService.open(inputs: [feedPath]), mode: .atomic)
        guard ingested.rejected == 0, ingested.accepted == feed.events else {
            throw FlushBenchFailure("the bench feed ingested \(ingested.accepted) of \(feed.events) events, \(ingested.rejected) rejected")
        }
        let ingestSeconds = (ContinuousClock.now - ingestStart).seconds
        let pendingBefore = try database.outboxStatus().total.pending
        progress("ingested \(ingested.accepted) events in \(String(format: "%.1f", ingestSeconds)) s, \(pendingBefore) streams pending")

        var sandboxConfiguration = KeapSandboxConfiguration()
        // With the limiter on, the sandbox enforces the same budget as Keap: an independent, server-side check of
        // the client's pacing (any 429 it answers means the client overran a window as the server saw it).
        if limiter == .default { sandboxConfiguration.rateLimit = SandboxRateLimit() }
        let sandbox = try await KeapSandboxServer.start(host: "127.0.0.1", port: 0, configuration: sandboxConfiguration)
        let report: BenchReport
        do {
            report = try await measure(database: database, sandbox: sandbox, apiKey: sandboxConfiguration.apiKey,
                                       ingestSeconds: ingestSeconds, pendingBefore: pendingBefore)
        } catch {
            await sandbox.stop()
            throw error
        }
        await sandbox.stop()
        return report
    }

    private func measure(database: LedgerDatabase, sandbox: RunningKeapSandbox, apiKey: String,
                         ingestSeconds: Double, pendingBefore: Int) async throws -> BenchReport {
        // The production client, pointed at the sandbox; only the pacing differs between the two modes.
        var configuration = KeapClientConfiguration(baseURL: sandbox.baseURL, credentials: .apiKey(KeapSecret(apiKey)))
        if limiter == .off {
            configuration.maxPerSecond = 0
            configuration.maxPerMinute = 0
        }
        let transport = TimingTransport(wrapping: self.transport.make(requestTimeout: configuration.requestTimeout))
        let client = KeapClient(configuration: configuration, transport: transport)
        do {
            let report = try await measure(database: database, sandbox: sandbox, client: client, transport: transport,
                                           configuration: configuration, ingestSeconds: ingestSeconds, pendingBefore: pendingBefore)
            await client.shutdown()
            return report
        } catch {
            await client.shutdown()
            throw error
        }
    }

    private func measure(database: LedgerDatabase, sandbox: RunningKeapSandbox, client: KeapClient, transport: TimingTransport,
                         configuration: KeapClientConfiguration, ingestSeconds: Double, pendingBefore: Int) async throws -> BenchReport {
        _ = try await KeapCustomFieldSetup(database: database, client: client).run()
        if let faultRate, faultRate > 0 {
            await sandbox.setFaults(SandboxFaultPlan(seed: 1, probability: faultRate,
                                                     kinds: [.throttle429, .error500BeforeApply, .dropAfterApply, .slow(slow)]))
        }

        var settings = SyncSettings(tenantCurrency: Currency(code: "USD")!)
        settings.concurrency = concurrency
        // Through faults a stream may fail several flushes in a row; none of them may park it.
        if faultRate != nil { settings.maxAttempts = 50 }
        let flusher = OutboxFlusher(database: database, client: client, settings: settings)
        let before = transport.measurements
        ProcessUsage.resetPeak()
        let cpuBefore = ProcessUsage.cpuSeconds()
        let flushStart = transport.elapsed

        let summary: FlushSummary
        var limit: Int?
        var cancelledAt: Duration?
        var rounds = 1
        switch limiter {
        case _ where faultRate != nil:
            progress("flushing \(pendingBefore) streams until none is pending, limiter \(limiter.rawValue), concurrency \(concurrency), fault rate \(faultRate ?? 0)")
            var total = try await flusher.flush(FlushOptions())
            while try database.outboxStatus().total.pending > 0, rounds < Self.maxRounds {
                let next = try await flusher.flush(FlushOptions())
                rounds += 1
                total.sent += next.sent
                total.parked += next.parked
                total.skipped += next.skipped
                total.calls += next.calls
                total.failed = next.failed
            }
            summary = total
        case .off:
            progress("flushing \(pendingBefore) streams, limiter off, concurrency \(concurrency)")
            summary = try await flusher.flush(FlushOptions())
        case .default:
            // The run must last at least `seconds`: every attempted stream sends at least one request, and no more
            // than `maxRequests` requests fit in that time under 10/s and 240/min, so a limit above that cannot
            // finish early. The flush is then cancelled at `seconds`, which bounds the run (at ~2.5 requests per
            // stream it would otherwise go on for minutes). Cancelling is the flush's ordinary interruption: a
            // stream whose next request is refused by the cancelled limiter is recorded as failed ("cancelled before
            // sending") and retried by the next flush; no request is sent after the cancel.
            let bound = Self.maxRequests(in: seconds, perSecond: configuration.maxPerSecond, perMinute: configuration.maxPerMinute)
            limit = bound + concurrency + 1
            progress("flushing at most \(limit!) streams at 10/s, 240/min, concurrency \(concurrency); cancelling after \(seconds) s")
            let options = FlushOptions(limit: limit)
            let task = Task { try await flusher.flush(options) }
            let deadline = Duration.milliseconds(Int64(seconds * 1000))
            let watchdog = Task {
                try await Task.sleep(for: deadline)
                task.cancel()
                return transport.elapsed
            }
            let result = await task.result
            watchdog.cancel()
            cancelledAt = try? await watchdog.value
            summary = try result.get()
        }

        let wall = (transport.elapsed - flushStart).seconds
        let cpuAfter = ProcessUsage.cpuSeconds()
        let peak = ProcessUsage.peakResidentBytes() ?? 0
        let after = transport.measurements
        let status = try database.outboxStatus()
        let snapshot = await sandbox.snapshot()

        var report = BenchReport()
        report.add("limiter", limiter.rawValue)
        report.add("transport", self.transport.rawValue)
        if let faultRate {
            report.add("fault_rate", faultRate, places: 2)
            report.add("slow_ms", Int(slow.components.seconds * 1000 + slow.components.attoseconds / 1_000_000_000_000_000))
            report.add("rounds", rounds)
        }
        report.add("concurrency", concurrency)
        report.add("orders", feed.orders)
        report.add("streams", pendingBefore)
        report.add("ingest_seconds", ingestSeconds, places: 2)
        report.add("setup_calls", before.sends.count)
        report.add("sent", summary.sent)
        report.add("failed", summary.failed)
        report.add("parked", summary.parked)
        report.add("skipped", summary.skipped)
        report.add("calls", summary.calls)
        report.add("seconds", wall, places: 2)

        let flushSends = Array(after.sends[before.sends.count...])
        let flushDurations = Array(after.callDurations[before.callDurations.count...]).sorted()
        switch limiter {
        case _ where faultRate != nil:
            report.add("orders_per_second", Double(feed.orders) / wall, places: 1)
            report.add("calls_per_second", Double(summary.calls) / wall, places: 1)
            var faults = BenchReport()
            for (kind, count) in snapshot.counters.faultsByKind.sorted(by: { $0.key < $1.key }) { faults.add(kind, count) }
            report.add("faults", faults)
            report.add("sandbox_rate_limited", snapshot.counters.rateLimited)
            // The sandbox refuses nothing the sync sends on a clean run: a 400 here is a request that reached it
            // mangled (URLSession once re-sent POSTs without their body after a dropped connection).
            report.add("sandbox_400_answers", snapshot.calls.filter { $0.status == 400 }.count)
            let problems = Self.exactnessProblems(feed: feed, keap: snapshot)
            report.add("exact", problems.isEmpty)
            for problem in problems.prefix(5) { progress("not exact: \(problem)") }
        case .off:
            report.add("orders_per_second", Double(feed.orders) / wall, places: 1)
            report.add("streams_per_second", Double(summary.sent) / wall, places: 1)
            report.add("calls_per_second", Double(summary.calls) / wall, places: 1)
            // Busy: wall time with a request in flight. Near 1.0 means the flush is waiting on the server almost
            // all the time; the remainder is the ledger (snapshots, flush records) and the flusher itself.
            report.add("http_busy_share", (after.busyTime - before.busyTime).seconds / wall, places: 3)
            // Summed call time over wall: the mean number of requests in flight (about `concurrency` when the
            // streams keep the transport saturated).
            report.add("http_mean_in_flight", (after.callTime - before.callTime).seconds / wall, places: 2)
        case .default:
            let sorted = after.sends.sorted()
            let activeSeconds = cancelledAt.map { ($0 - flushStart).seconds } ?? wall
            report.add("limit", limit ?? 0)
            report.add("target_seconds", seconds, places: 0)
            report.add("cancelled", cancelledAt != nil)
            report.add("requests", flushSends.count)
            // Setup's requests passed the same limiter just before, so the windows are checked over them too.
            report.add("max_in_any_1s", SendWindows.maxCount(sorted, window: .seconds(1)))
            report.add("max_in_any_60s", SendWindows.maxCount(sorted, window: .seconds(60)))
            report.add("tightest_11_sends_ms", (SendWindows.tightestSpan(sorted, count: 11)?.seconds ?? 0) * 1000, places: 1)
            report.add("tightest_241_sends_s", SendWindows.tightestSpan(sorted, count: 241)?.seconds ?? 0, places: 3)
            report.add("average_rate", Double(flushSends.count) / activeSeconds, places: 2)
            report.add("max_requests_possible", Self.maxRequests(in: activeSeconds, perSecond: configuration.maxPerSecond, perMinute: configuration.maxPerMinute))
            report.add("sends_after_cancel", cancelledAt.map { cancel in flushSends.filter { $0 > cancel }.count } ?? 0)
            report.add("sandbox_rate_limited", snapshot.counters.rateLimited)
        }
        report.add("call_p50_ms", Self.percentile(flushDurations, 0.50) * 1000, places: 2)
        report.add("call_p99_ms", Self.percentile(flushDurations, 0.99) * 1000, places: 2)
        let user = cpuAfter.user - cpuBefore.user
        let system = cpuAfter.system - cpuBefore.system
        report.add("cpu_seconds", user + system, places: 2)
        report.add("cpu_user_seconds", user, places: 2)
        report.add("cpu_system_seconds", system, places: 2)
        report.add("cpu_per_wall", (user + system) / wall, places: 2)
        report.add("peak_rss_mb", Double(peak) / 1_048_576, places: 1)
        var answers = BenchReport()
        for (code, count) in (after.statuses.merging(before.statuses) { $0 - $1 }).sorted(by: { $0.key < $1.key }) where count > 0 {
            answers.add(String(code), count)
        }
        answers.add("transport_errors", after.transportErrors - before.transportErrors)
        // How soon a request without an answer (a dropped connection, in these runs) was given up: the slowest one.
        let failedCalls = after.transportErrorDurations[before.transportErrorDurations.count...]
        report.add("transport_error_max_ms", (failedCalls.max()?.seconds ?? 0) * 1000, places: 1)
        report.add("http_statuses", answers)
        report.add("outbox_pending_after", status.total.pending)
        report.add("outbox_parked_after", status.total.parked)
        report.add("keap_contacts", snapshot.contacts.count)
        report.add("keap_products", snapshot.products.count)
        report.add("keap_orders", snapshot.orders.count)
        report.add("keap_payments", snapshot.orders.reduce(0) { $0 + $1.payments.count })
        for message in summary.messages.prefix(5) { progress("flush message: \(message)") }
        return report
    }

    /// What makes a completed run exact: every order once (by `ExternalOrderRef`), with its one payment equal to its
    /// total (the bench feed pays each order in full, and the flush checked each total against the ledger's), every
    /// customer once, every product once, nothing else.
    static func exactnessProblems(feed: BenchOrderFeed, keap snapshot: SandboxSnapshot) -> [String] {
        var problems: [String] = []
        var refs: [String: Int] = [:]
        for order in snapshot.orders {
            refs[order.customField(label: "ExternalOrderRef") ?? "(none)", default: 0] += 1
            if order.payments.count != 1 || order.totalPaid != order.total {
                problems.append("order \(order.id): \(order.payments.count) payments, paid \(order.totalPaid) of \(order.total)")
            }
        }
        if refs.count != feed.orders { problems.append("\(refs.count) distinct orders in Keap, feed has \(feed.orders)") }
        for (ref, count) in refs where count != 1 { problems.append("order \(ref) is in Keap \(count) times") }
        let emails = snapshot.contacts.flatMap(\.emails)
        if snapshot.contacts.count != feed.customers || Set(emails).count != emails.count {
            problems.append("\(snapshot.contacts.count) contacts (\(Set(emails).count) distinct emails), feed has \(feed.customers) customers")
        }
        let skus = snapshot.products.compactMap(\.sku)
        if snapshot.products.count != BenchOrderFeed.catalogueSize || Set(skus).count != skus.count {
            problems.append("\(snapshot.products.count) products (\(Set(skus).count) distinct SKUs), feed has \(BenchOrderFeed.catalogueSize)")
        }
        return problems
    }

    /// The most requests a sliding-window limiter of `perSecond` and `perMinute` (0 = off) can grant within any
    /// `seconds`: at most `perSecond` per started second and `perMinute` per started minute.
    static func maxRequests(in seconds: Double, perSecond: Int, perMinute: Int) -> Int {
        var bound = Int.max
        if perSecond > 0 { bound = min(bound, perSecond * (Int(seconds) + 1)) }
        if perMinute > 0 { bound = min(bound, perMinute * (Int(seconds / 60) + 1)) }
        return bound
    }

    private static func percentile(_ sorted: [Duration], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, max(0, Int((Double(sorted.count) * p).rounded(.up)) - 1))].seconds
    }

    private func progress(_ line: String) {
        FileHandle.standardError.write(Data("flush bench [\(limiter.rawValue), concurrency \(concurrency)]: \(line)\n".utf8))
    }
}

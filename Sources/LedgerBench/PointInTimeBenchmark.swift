import Foundation
import LedgerCore
import LedgerStore

/// `keap-ledger-bench point-in-time --db PATH [--queries N]`: in-process latency of the point-in-time order query
/// (read the stream's events under `--as-of`, fold them), the path `keap-ledger order REF --as-of T` takes.
/// Prints one JSON object: p50/p90/p99/max in microseconds, and the events per queried order.
enum PointInTimeBenchmark {
    static let usage = "keap-ledger-bench point-in-time --db PATH [--queries N] [--ref REF]…"

    /// `arguments`: what follows `point-in-time` on the command line.
    static func run(_ arguments: [String]) throws {
        var arguments = arguments
        var path = "keap-ledger.sqlite"
        var queries = 2000
        var extraRefs: [String] = []
        while !arguments.isEmpty {
            let option = arguments.removeFirst()
            guard let value = arguments.first else { break }
            arguments.removeFirst()
            switch option {
            case "--db": path = value
            case "--queries": queries = Int(value) ?? queries
            case "--ref": extraRefs.append(value)
            default: break
            }
        }
        let database = try LedgerDatabase(path: path)
        // The orders with the most events first (the hard case), then every n-th order for a spread.
        let refs: [String] = try database.writer.read { db in
            let busiest = try String.fetchAll(db, sql: "SELECT order_ref FROM orders ORDER BY event_count DESC, order_ref LIMIT ?", arguments: [queries / 2])
            let spread = try String.fetchAll(db, sql: "SELECT order_ref FROM orders WHERE first_seq % 7 = 0 ORDER BY order_ref LIMIT ?", arguments: [queries / 2])
            return busiest + spread
        }
        // Each query: the order's events that occurred by the middle of its life, folded.
        var plan: [(stream: String, ref: String, asOf: Timestamp, events: Int)] = []
        for ref in extraRefs + refs {
            let stream = StreamKind.order.stream(ref)
            let all = try database.streamEvents(stream)
            guard !all.isEmpty else { continue }
            plan.append((stream, ref, all[all.count / 2].occurredAt, all.count))
        }
        // Planning read every stream once, so the timed pass sees SQLite's cache as a running service would.
        var latencies: [Double] = []
        let clock = ContinuousClock()
        for query in plan {
            let started = clock.now
            let events = try database.streamEvents(query.stream, StreamSelection(occurredBy: query.asOf))
            var order = OrderState(orderRef: query.ref)
            for event in events { order.apply(event) }
            let elapsed = clock.now - started
            precondition(order.progress.eventCount == events.count && !events.isEmpty)
            latencies.append(elapsed.seconds * 1e6)
        }
        let eventCounts = plan.map(\.events)
        latencies.sort()
        func percentile(_ p: Double) -> Double {
            latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, Int((Double(latencies.count) * p).rounded(.up)) - 1)]
        }
        let report: JSONValue = .object([
            "queries": .integer(latencies.count),
            "max_events_per_order": .integer(eventCounts.max() ?? 0),
            "mean_events_per_order": .number(JSONNumber(text: String(format: "%.1f", Double(eventCounts.reduce(0, +)) / Double(max(eventCounts.count, 1))))),
            "p50_us": .number(JSONNumber(text: String(format: "%.0f", percentile(0.50)))),
            "p90_us": .number(JSONNumber(text: String(format: "%.0f", percentile(0.90)))),
            "p99_us": .number(JSONNumber(text: String(format: "%.0f", percentile(0.99)))),
            "max_us": .number(JSONNumber(text: String(format: "%.0f", latencies.last ?? 0))),
        ])
        print(JSONWriter.string(report))
    }
}

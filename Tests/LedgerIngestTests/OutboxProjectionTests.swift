import Crypto
import Foundation
import GRDB
import LedgerProjection
import Testing
import LedgerCore
import LedgerFeed
import LedgerStore
import LedgerTestSupport
@testable import LedgerIngest

/// The projector-driven outbox: one row per stream with the newest desired Keap state; coalesced, not ready while
/// incomplete, untouched when nothing Keap shows changed (so `rebuild` makes no work).
@Suite("Outbox rows written by the projector")
struct OutboxProjectionTests {
    private func ingest(_ lines: String..., into database: LedgerDatabase, at time: String) throws {
        let summary = try IngestService(database: database, clock: FixedClock(time))
            .run(inputs: [("feed", InMemoryByteSource(FeedLines.feed(lines.joined(separator: "\n"))))], mode: .atomic)
        #expect(summary.rejected == 0)
    }

    private func row(_ database: LedgerDatabase, _ stream: String) throws -> Row? {
        try database.writer.read { db in try Row.fetchOne(db, sql: "SELECT * FROM outbox_stream WHERE stream = ?", arguments: [stream]) }
    }

    private func dump(_ database: LedgerDatabase) throws -> [Row] {
        try database.writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM outbox_stream ORDER BY stream") }
    }

    private static let placed = EventBuilder.line("order.placed", at: "2026-11-20T10:00:00Z", id: "e1", data: #"{"order_ref":"O-1","customer_ref":"C-1","currency":"USD","lines":[{"line_ref":"1","sku":"TEA-1","quantity":2,"unit_price":"12.50"}],"shipping":"4.95"}"#)

    private static func payment(_ n: Int) -> String {
        EventBuilder.line("payment.captured", at: "2026-11-20T11:0\(n):00Z", id: "p\(n)", data: #"{"order_ref":"O-1","payment_ref":"P-\#(n)","amount":"1.00"}"#)
    }

    @Test func manyEventsOnOneOrderAreOnePendingUpdateOfItsNewestState() throws {
        let database = try LedgerDatabase()
        try ingest(Self.placed, into: database, at: "2026-11-23T08:00:00Z")
        for n in 1...5 { try ingest(Self.payment(n), into: database, at: "2026-11-23T09:0\(n):00Z") }
        let rows = try dump(database)
        #expect(rows.count == 1)
        let order = try #require(rows.first)
        #expect(order["status"] as String == "pending")
        #expect(order["ready"] as Int == 1)
        #expect(order["desired_version"] as Int64 == 6)
        // Pending since it first became pending; changed at the last ingest
        #expect(order["pending_since"] as String == "2026-11-23T08:00:00.000000000Z")
        #expect(order["updated_at"] as String == "2026-11-23T09:05:00.000000000Z")
        // The hash identifies the newest view: the one of the order with all five payments
        let events = try database.streamEvents("order/O-1")
        var state = OrderState(orderRef: "O-1")
        for event in events { state.apply(event) }
        #expect(order["desired_hash"] as Data == Data(SHA256.hash(data: KeapView(.order(state)).bytes)))
    }

    @Test func anIncompleteOrderWaitsAndBecomesPendingWhenPlaced() throws {
        let database = try LedgerDatabase()
        try ingest(Self.payment(1), into: database, at: "2026-11-23T08:00:00Z")
        let waiting = try #require(try row(database, "order/O-1"))
        #expect(waiting["ready"] as Int == 0)
        #expect(waiting["status"] as String == "idle")
        #expect(waiting["pending_since"] as String? == nil)
        try ingest(Self.placed, into: database, at: "2026-11-23T09:00:00Z")
        let placed = try #require(try row(database, "order/O-1"))
        #expect(placed["ready"] as Int == 1)
        #expect(placed["status"] as String == "pending")
        #expect(placed["pending_since"] as String == "2026-11-23T09:00:00.000000000Z")
    }

    @Test func rebuildAndChangesKeapCannotSeeWriteNothing() throws {
        // Given an order whose desired state Keap has confirmed
        let database = try LedgerDatabase()
        try ingest(Self.placed, Self.payment(1), into: database, at: "2026-11-23T08:00:00Z")
        try database.writer.write { db in
            try db.execute(sql: "UPDATE outbox_stream SET confirmed_hash = desired_hash, confirmed_version = desired_version, status = 'idle', pending_since = NULL")
        }
        let confirmed = try dump(database)
        // When the projections are rebuilt (at another time), and an event Keap does not show arrives (a delivery
        // of a shipment the order does not have: an anomaly only)
        _ = try database.rebuild(clock: FixedClock("2026-11-24T08:00:00Z"))
        let unknownDelivery = EventBuilder.line("shipment.delivered", at: "2026-11-21T10:00:00Z", id: "d1", data: #"{"order_ref":"O-1","shipment_ref":"S-9"}"#)
        try ingest(unknownDelivery, into: database, at: "2026-11-24T09:00:00Z")
        // Then the outbox is exactly as it was: nothing to send
        #expect(try dump(database) == confirmed)
        #expect(try database.outboxStatus().total.sent == 1)
        #expect(try database.outboxStatus().total.pending == 0)
        // And a change Keap does show makes it pending again
        try ingest(Self.payment(2), into: database, at: "2026-11-24T10:00:00Z")
        #expect(try row(database, "order/O-1")?["status"] as String? == "pending")
        #expect(try database.outboxStatus().oldestPendingSince == (try Timestamp(rfc3339: "2026-11-24T10:00:00Z")))
    }

    @Test func aParkedStreamStaysParkedWhenItChanges() throws {
        let database = try LedgerDatabase()
        try ingest(Self.placed, into: database, at: "2026-11-23T08:00:00Z")
        try database.writer.write { db in
            try db.execute(sql: "UPDATE outbox_stream SET status = 'parked', parked_reason = 'operator'")
        }
        try ingest(Self.payment(1), into: database, at: "2026-11-23T09:00:00Z")
        let order = try #require(try row(database, "order/O-1"))
        #expect(order["status"] as String == "parked")
        #expect(order["desired_version"] as Int64 == 2)
        #expect(try database.outboxStatus().byKind[.order]?.parked == 1)
    }
}

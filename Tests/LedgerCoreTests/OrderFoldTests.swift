import Testing
import LedgerTestSupport
@testable import LedgerCore

/// The order fold: worked examples with answers written out by hand, and every anomaly the issue names.
@Suite("Order fold")
struct OrderFoldTests {
    /// A stream builder: events get seq in the order they are listed (arrival order).
    private struct Stream {
        var events: [LedgerEvent] = []

        mutating func add(_ type: String, _ time: String, _ data: String, recordedAt: String = "2026-11-23T08:00:00Z") {
            let seq = Int64(events.count + 1)
            events.append(EventBuilder.event(EventBuilder.line(type, at: time, id: "e\(seq)", data: data), seq: seq, recordedAt: recordedAt))
        }

        /// Folds in business-time order, as the projector and point-in-time queries do.
        func fold(_ keep: (LedgerEvent) -> Bool = { _ in true }) -> OrderState {
            var order = OrderState(orderRef: "O-1")
            for event in events.filter(keep).sorted(by: { $0.precedes($1) }) { order.apply(event) }
            return order
        }
    }

    private static let placed = #"{"order_ref":"O-1","customer_ref":"C-1","currency":"USD","lines":[{"line_ref":"1","sku":"TEA-1","quantity":2,"unit_price":"12.50"},{"line_ref":"2","sku":"MUG-1","quantity":1,"unit_price":"8.00"}],"shipping":"5.00"}"#

    private func money(_ order: OrderState) -> [String] {
        let usd = Currency(code: "USD")!
        let totals = order.totals
        return [totals.subtotal, totals.total, totals.paid, totals.refunded, totals.balanceDue].map(usd.format)
    }

    private func codes(_ order: OrderState) -> [AnomalyCode] { order.anomalies.map(\.code) }

    @Test func latePaymentIsFoldedAtItsBusinessTime() {
        // Given an order placed at 10:00 (33.00 + 5.00 shipping), shipped whole at 12:00, and its 38.00 payment
        // made at 10:05 but recorded a day later
        var stream = Stream()
        stream.add("order.placed", "2026-11-20T10:00:00Z", Self.placed, recordedAt: "2026-11-20T10:00:01Z")
        stream.add("shipment.shipped", "2026-11-20T12:00:00Z", #"{"order_ref":"O-1","shipment_ref":"S-1","carrier":"UPS","tracking_number":"1Z9"}"#, recordedAt: "2026-11-20T12:00:01Z")
        stream.add("payment.captured", "2026-11-20T10:05:00Z", #"{"order_ref":"O-1","payment_ref":"P-1","amount":"38.00","method":"card"}"#, recordedAt: "2026-11-21T09:00:00Z")
        let asOf = { (time: String) in try! Timestamp(rfc3339: time) }
        // Then now: paid in full, shipped
        let now = stream.fold()
        #expect(money(now) == ["33.00", "38.00", "38.00", "0.00", "0.00"])
        #expect(now.fulfilment == .shipped)
        #expect(now.lines.map(\.shippedQuantity) == [2, 1])
        #expect(now.anomalies.isEmpty)
        // As of 10:02 (business time): placed, nothing paid
        #expect(money(stream.fold { $0.occurredAt <= asOf("2026-11-20T10:02:00Z") }) == ["33.00", "38.00", "0.00", "0.00", "38.00"])
        // As of 11:00: paid, not yet shipped
        let eleven = stream.fold { $0.occurredAt <= asOf("2026-11-20T11:00:00Z") }
        #expect(money(eleven) == ["33.00", "38.00", "38.00", "0.00", "0.00"])
        #expect(eleven.fulfilment == .unshipped)
        // As known on the evening of the 20th (system time): shipped, payment not yet known
        let known = stream.fold { $0.recordedAt <= asOf("2026-11-20T18:00:00Z") }
        #expect(money(known) == ["33.00", "38.00", "0.00", "0.00", "38.00"])
        #expect(known.fulfilment == .shipped)
        // Both axes: as of 11:00, as known that evening: placed only
        let both = stream.fold { $0.occurredAt <= asOf("2026-11-20T11:00:00Z") && $0.recordedAt <= asOf("2026-11-20T18:00:00Z") }
        #expect(money(both) == ["33.00", "38.00", "0.00", "0.00", "38.00"])
        #expect(both.fulfilment == .unshipped)
    }

    @Test func lateLineChangeRepricesTheOrderFromItsBusinessTime() {
        // Given a 38.00 order paid at 10:10, and a change of line 2 to quantity 3 made at 10:05 that arrives last
        var stream = Stream()
        stream.add("order.placed", "2026-11-20T10:00:00Z", Self.placed)
        stream.add("payment.captured", "2026-11-20T10:10:00Z", #"{"order_ref":"O-1","payment_ref":"P-1","amount":"38.00"}"#)
        stream.add("order.line_changed", "2026-11-20T10:05:00Z", #"{"order_ref":"O-1","line_ref":"2","quantity":3}"#)
        // Then the order is 2 × 12.50 + 3 × 8.00 = 49.00 + 5.00 shipping = 54.00, 38.00 paid, 16.00 due
        let now = stream.fold()
        #expect(money(now) == ["49.00", "54.00", "38.00", "0.00", "16.00"])
        #expect(now.lines.map(\.quantity) == [2, 3])
        #expect(now.anomalies.isEmpty)
        // And arrival order does not matter
        var reversed = Stream()
        reversed.add("order.line_changed", "2026-11-20T10:05:00Z", #"{"order_ref":"O-1","line_ref":"2","quantity":3}"#)
        reversed.add("payment.captured", "2026-11-20T10:10:00Z", #"{"order_ref":"O-1","payment_ref":"P-1","amount":"38.00"}"#)
        reversed.add("order.placed", "2026-11-20T10:00:00Z", Self.placed)
        #expect(money(reversed.fold()) == money(now))
    }

    @Test func eventsBeforeOrderPlacedWaitThenApplyAsAnomalies() {
        // Given a payment that occurred before its order.placed
        var stream = Stream()
        stream.add("payment.captured", "2026-11-20T09:00:00Z", #"{"order_ref":"O-1","payment_ref":"P-1","amount":"10.00"}"#)
        // Then without order.placed the order is incomplete and the payment waits
        let incomplete = stream.fold()
        #expect(!incomplete.isComplete)
        #expect(incomplete.waiting.count == 1)
        #expect(incomplete.status == nil)
        // When order.placed arrives, the payment is applied and flagged
        stream.add("order.placed", "2026-11-20T10:00:00Z", Self.placed)
        let complete = stream.fold()
        #expect(complete.isComplete)
        #expect(complete.waiting.isEmpty)
        #expect(money(complete) == ["33.00", "38.00", "10.00", "0.00", "28.00"])
        #expect(codes(complete) == [.beforeStart])
        #expect(complete.status == .pending)
    }

    @Test func refundsAboveTheirPaymentOrOfUnknownPaymentsAreKeptAndFlagged() {
        var stream = Stream()
        stream.add("order.placed", "2026-11-20T10:00:00Z", Self.placed)
        stream.add("payment.captured", "2026-11-20T10:01:00Z", #"{"order_ref":"O-1","payment_ref":"P-1","amount":"38.00"}"#)
        stream.add("payment.refunded", "2026-11-20T10:02:00Z", #"{"order_ref":"O-1","payment_ref":"P-1","refund_ref":"R-1","amount":"30.00"}"#)
        stream.add("payment.refunded", "2026-11-20T10:03:00Z", #"{"order_ref":"O-1","payment_ref":"P-1","refund_ref":"R-2","amount":"10.00"}"#)
        stream.add("payment.refunded", "2026-11-20T10:04:00Z", #"{"order_ref":"O-1","payment_ref":"P-9","refund_ref":"R-3","amount":"1.00"}"#)
        let order = stream.fold()
        // Then all three refunds count (money moved), two are anomalies
        #expect(money(order) == ["33.00", "38.00", "38.00", "41.00", "41.00"])
        #expect(codes(order) == [.refundExceedsPayment, .refundUnknownPayment])
        #expect(order.payments.first?.refunded == 4000)
    }

    @Test func changesToUnknownLinesAreIgnoredAndFlagged() {
        var stream = Stream()
        stream.add("order.placed", "2026-11-20T10:00:00Z", Self.placed)
        stream.add("order.line_changed", "2026-11-20T10:01:00Z", #"{"order_ref":"O-1","line_ref":"9","quantity":5}"#)
        stream.add("order.line_removed", "2026-11-20T10:02:00Z", #"{"order_ref":"O-1","line_ref":"8"}"#)
        stream.add("order.line_added", "2026-11-20T10:03:00Z", #"{"order_ref":"O-1","line":{"line_ref":"1","sku":"X","quantity":1,"unit_price":"1.00"}}"#)
        let order = stream.fold()
        #expect(money(order) == ["33.00", "38.00", "0.00", "0.00", "38.00"])
        #expect(codes(order) == [.unknownLine, .unknownLine, .lineExists])
    }

    @Test func lineChangesAddRemoveAndReprice() {
        var stream = Stream()
        stream.add("order.placed", "2026-11-20T10:00:00Z", Self.placed)
        stream.add("order.line_added", "2026-11-20T10:01:00Z", #"{"order_ref":"O-1","line":{"line_ref":"3","sku":"BAG-1","quantity":1,"unit_price":"0.99"}}"#)
        stream.add("order.line_changed", "2026-11-20T10:02:00Z", #"{"order_ref":"O-1","line_ref":"1","unit_price":"10.00"}"#)
        stream.add("order.line_changed", "2026-11-20T10:03:00Z", #"{"order_ref":"O-1","line_ref":"2","quantity":0}"#)
        stream.add("order.charges_changed", "2026-11-20T10:04:00Z", #"{"order_ref":"O-1","tax":"1.50","discount":"2.00"}"#)
        let order = stream.fold()
        // 2 × 10.00 + 1 × 0.99 = 20.99; + 5.00 shipping + 1.50 tax − 2.00 discount = 25.49
        #expect(order.lines.map(\.lineRef) == ["1", "3"])
        #expect(money(order) == ["20.99", "25.49", "0.00", "0.00", "25.49"])
        #expect(order.anomalies.isEmpty)
    }

    @Test func shipmentsOfUnknownLinesOrMoreThanOrderedAreFlagged() {
        var stream = Stream()
        stream.add("order.placed", "2026-11-20T10:00:00Z", Self.placed)
        stream.add("shipment.shipped", "2026-11-20T11:00:00Z", #"{"order_ref":"O-1","shipment_ref":"S-1","carrier":"UPS","lines":[{"line_ref":"1","quantity":3},{"line_ref":"7","quantity":1}]}"#)
        let order = stream.fold()
        #expect(codes(order) == [.shippedMoreThanOrdered, .shipmentUnknownLine])
        #expect(order.lines.map(\.shippedQuantity) == [3, 0])
        #expect(order.fulfilment == .partiallyShipped)
    }

    @Test func fulfilmentFollowsShipmentsDeliveriesAndReturns() {
        var stream = Stream()
        stream.add("order.placed", "2026-11-20T10:00:00Z", Self.placed)
        #expect(stream.fold().fulfilment == .unshipped)
        stream.add("shipment.shipped", "2026-11-20T11:00:00Z", #"{"order_ref":"O-1","shipment_ref":"S-1","carrier":"UPS","lines":[{"line_ref":"1","quantity":2}]}"#)
        #expect(stream.fold().fulfilment == .partiallyShipped)
        // A whole-order shipment after a partial one ships what remains: line 2 × 1
        stream.add("shipment.shipped", "2026-11-20T12:00:00Z", #"{"order_ref":"O-1","shipment_ref":"S-2","carrier":"DHL"}"#)
        let shipped = stream.fold()
        #expect(shipped.fulfilment == .shipped)
        #expect(shipped.shipments.last?.lines == [ShipmentLineInput(lineRef: "2", quantity: 1)])
        stream.add("shipment.delivered", "2026-11-21T09:00:00Z", #"{"order_ref":"O-1","shipment_ref":"S-1"}"#)
        #expect(stream.fold().fulfilment == .shipped)
        stream.add("shipment.delivered", "2026-11-21T10:00:00Z", #"{"order_ref":"O-1","shipment_ref":"S-2"}"#)
        #expect(stream.fold().fulfilment == .delivered)
        stream.add("shipment.returned", "2026-11-25T10:00:00Z", #"{"order_ref":"O-1","shipment_ref":"S-1","reason":"damaged"}"#)
        stream.add("shipment.returned", "2026-11-25T11:00:00Z", #"{"order_ref":"O-1","shipment_ref":"S-2"}"#)
        let returned = stream.fold()
        #expect(returned.fulfilment == .returned)
        #expect(returned.lines.map(\.returnedQuantity) == [2, 1])
        stream.add("shipment.delivered", "2026-11-26T10:00:00Z", #"{"order_ref":"O-1","shipment_ref":"S-9"}"#)
        #expect(codes(stream.fold()) == [.unknownShipment])
    }

    @Test func paymentsAboveTheTotalAreKeptAndFlagged() {
        var stream = Stream()
        stream.add("order.placed", "2026-11-20T10:00:00Z", Self.placed)
        stream.add("payment.captured", "2026-11-20T10:01:00Z", #"{"order_ref":"O-1","payment_ref":"P-1","amount":"30.00"}"#)
        stream.add("payment.captured", "2026-11-20T10:02:00Z", #"{"order_ref":"O-1","payment_ref":"P-2","amount":"10.00"}"#)
        stream.add("payment.captured", "2026-11-20T10:03:00Z", #"{"order_ref":"O-1","payment_ref":"P-2","amount":"10.00"}"#)
        let order = stream.fold()
        #expect(money(order) == ["33.00", "38.00", "40.00", "0.00", "-2.00"])
        #expect(codes(order) == [.paidMoreThanTotal, .paymentExists])
    }

    @Test func changesAfterCancellationApplyAndAreFlagged() {
        var stream = Stream()
        stream.add("order.placed", "2026-11-20T10:00:00Z", Self.placed)
        stream.add("order.cancelled", "2026-11-20T10:30:00Z", #"{"order_ref":"O-1","reason":"customer request"}"#)
        stream.add("payment.refunded", "2026-11-20T10:40:00Z", #"{"order_ref":"O-1","payment_ref":"P-0","refund_ref":"R-0","amount":"0.00"}"#)
        stream.add("shipment.shipped", "2026-11-20T11:00:00Z", #"{"order_ref":"O-1","shipment_ref":"S-1","carrier":"UPS"}"#)
        let order = stream.fold()
        #expect(order.status == .cancelled)
        #expect(order.cancelReason == "customer request")
        #expect(order.cancelledAt == (try! Timestamp(rfc3339: "2026-11-20T10:30:00Z")))
        // A refund after cancellation is normal; a shipment is not
        #expect(codes(order) == [.refundUnknownPayment, .afterCancellation])
        #expect(order.fulfilment == .shipped)
    }

    @Test func aSecondOrderPlacedInAnotherCurrencyIsFlaggedAndIgnored() {
        var stream = Stream()
        stream.add("order.placed", "2026-11-20T10:00:00Z", Self.placed)
        stream.add("order.placed", "2026-11-20T10:01:00Z", #"{"order_ref":"O-1","customer_ref":"C-2","currency":"EUR","lines":[{"line_ref":"1","sku":"X","quantity":1,"unit_price":"1.00"}]}"#)
        let order = stream.fold()
        #expect(codes(order) == [.currencyMismatch, .startedAgain])
        #expect(order.customerRef == "C-1")
        #expect(order.currency?.code == "USD")
    }

    @Test func amountsWithMoreDecimalsThanTheOrdersCurrencyAreIgnoredAndFlagged() {
        // Given a JPY order (0 decimals) and a payment written with cents
        var stream = Stream()
        stream.add("order.placed", "2026-11-20T10:00:00Z", #"{"order_ref":"O-1","customer_ref":"C-1","currency":"JPY","lines":[{"line_ref":"1","sku":"TEA","quantity":1,"unit_price":"1200"}]}"#)
        stream.add("payment.captured", "2026-11-20T10:01:00Z", #"{"order_ref":"O-1","payment_ref":"P-1","amount":"1200.50"}"#)
        stream.add("payment.captured", "2026-11-20T10:02:00Z", #"{"order_ref":"O-1","payment_ref":"P-2","amount":"1200"}"#)
        let order = stream.fold()
        #expect(order.totals.paid == 1200)
        #expect(order.totals.balanceDue == 0)
        #expect(codes(order) == [.amountPrecision])
        #expect(order.anomalies.first?.message.contains("1200.50") == true)
    }

    @Test func amountsThatWouldOverflowAreRefusedWithoutTrapping() {
        var stream = Stream()
        stream.add("order.placed", "2026-11-20T10:00:00Z", #"{"order_ref":"O-1","customer_ref":"C-1","currency":"USD","lines":[{"line_ref":"1","sku":"GOLD","quantity":1000000,"unit_price":"999999999999999.99"},{"line_ref":"2","sku":"TEA","quantity":1,"unit_price":"1.00"}]}"#)
        stream.add("order.line_added", "2026-11-20T10:01:00Z", #"{"order_ref":"O-1","line":{"line_ref":"3","sku":"GOLD","quantity":1000,"unit_price":"999999999999999.99"}}"#)
        let order = stream.fold()
        #expect(order.lines.map(\.lineRef) == ["2"])
        #expect(order.totals.total == 100)
        #expect(codes(order) == [.amountOutOfRange, .amountOutOfRange])
    }
}

import Foundation
import Testing
import LedgerCore
import LedgerSampleFeed
import LedgerTestSupport

/// Reading stored view bytes (`confirmed_json`) back into the typed view: every view the ledger writes reads back as
/// itself, and anything else is an error naming the member and what was found (never a default).
@Suite("Keap view decoding")
struct KeapViewDecodingTests {
    private func event(_ type: String, _ time: String, _ data: String, seq: Int64) -> LedgerEvent {
        EventBuilder.event(EventBuilder.line(type, at: time, id: "e\(seq)", data: data), seq: seq)
    }

    private func order() -> KeapView {
        var order = OrderState(orderRef: "FH-1")
        order.apply(event("order.placed", "2026-11-20T14:03:11Z", #"{"order_ref":"FH-1","customer_ref":"C-77","currency":"USD","lines":[{"line_ref":"1","sku":"TEA-1","quantity":2,"unit_price":"12.50","description":"Green tea"}],"shipping":"4.95","discount":"1.00"}"#, seq: 1))
        order.apply(event("shipment.shipped", "2026-11-21T09:12:00Z", #"{"order_ref":"FH-1","shipment_ref":"S-1","carrier":"UPS","tracking_number":"1Z9"}"#, seq: 2))
        order.apply(event("payment.captured", "2026-11-20T14:03:20Z", #"{"order_ref":"FH-1","payment_ref":"P-1","amount":"28.95","method":"card"}"#, seq: 3))
        order.apply(event("payment.refunded", "2026-11-22T10:00:00Z", #"{"order_ref":"FH-1","payment_ref":"P-1","refund_ref":"R-1","amount":"5.00"}"#, seq: 4))
        return KeapView(.order(order))
    }

    private func customer() -> KeapView {
        var customer = CustomerState(customerRef: "C-1")
        customer.apply(event("customer.upserted", "2026-11-20T10:00:00Z", #"{"customer_ref":"C-1","email":"ada@example.com","billing_address":{"line1":"1 Main St","city":"Berlin","region":"BE","country_code":"DE"},"shipping_address":{"line1":"2 Rue","line2":"b","city":"Paris","postal_code":"75001","country_code":"FR"}}"#, seq: 1))
        return KeapView(.customer(customer))
    }

    /// The view's bytes with `old` replaced by `new` (which must occur exactly once).
    private func tampered(_ view: KeapView, _ old: String, _ new: String) throws -> [UInt8] {
        let text = String(decoding: view.bytes, as: UTF8.self)
        let parts = text.components(separatedBy: old)
        try #require(parts.count == 2, "\(old) occurs \(parts.count - 1) times in \(text)")
        return Array(parts.joined(separator: new).utf8)
    }

    private func decodingError(_ bytes: [UInt8], kind: StreamKind) -> KeapViewDecodingError? {
        do {
            _ = try KeapView(decoding: bytes, kind: kind)
            return nil
        } catch {
            return error
        }
    }

    @Test func everyReadyViewOfAGeneratedFeedReadsBackAsItself() throws {
        // Given every stream of a generated feed (every kind, JPY and EUR, charges, refunds, both address kinds)
        var generator = SampleFeedGenerator(configuration: SampleFeedConfiguration(events: 4_000, seed: 7))
        var states: [String: StreamState] = [:]
        var seq: Int64 = 0
        while let line = generator.nextLine() {
            let result = line.withUnsafeBufferPointer { FeedValidator.validate(line: $0, withCanonicalBytes: false) }
            guard case .success(let validated) = result else { continue }
            seq += 1
            let event = LedgerEvent(seq: seq, source: validated.source, id: validated.id, occurredAt: validated.occurredAt,
                                    recordedAt: validated.occurredAt, payload: validated.payload)
            let stream = event.type.streamKind.stream(event.payload.streamReference)
            states[stream, default: StreamState(kind: event.type.streamKind, reference: event.payload.streamReference)].apply(event)
        }
        var read = 0
        for state in states.values {
            let view = KeapView(state)
            guard view.isReady else { continue }
            // When its bytes are read back, then the typed view is the same and writes the same bytes
            let decoded = try KeapView(decoding: view.bytes, kind: state.kind)
            #expect(decoded == view, "\(state.stream)")
            #expect(decoded.bytes == view.bytes, "\(state.stream)")
            read += 1
        }
        #expect(read > 100)
    }

    @Test func anOrderAndACustomerReadBackWithAlpha2Countries() throws {
        let order = order()
        #expect(try KeapView(decoding: order.bytes, kind: .order) == order)
        let customer = customer()
        let decoded = try KeapView(decoding: customer.bytes, kind: .customer)
        #expect(decoded == customer)
        guard case .customer(let view) = decoded else { Issue.record("not a customer"); return }
        // The view carries DEU/FRA; the typed view keeps the feed's codes
        #expect(view.addresses.map(\.country) == ["DE", "FR"])
        #expect(view.addresses.map(\.countryAlpha3) == ["DEU", "FRA"])
    }

    @Test func theReverseCountryTableInvertsTheGeneratedOne() {
        #expect(CountryTable.alpha2ByAlpha3.count == CountryTable.alpha3ByAlpha2.count)
        for (alpha2, alpha3) in CountryTable.alpha3ByAlpha2 {
            #expect(CountryTable.alpha2ByAlpha3[alpha3] == alpha2)
        }
    }

    @Test func aMissingMemberIsNamed() throws {
        let bytes = try tampered(order(), #""total_minor":2895,"#, "")
        #expect(decodingError(bytes, kind: .order) == KeapViewDecodingError(member: "total_minor", expected: "the member", found: "nothing (it is missing)"))
    }

    @Test func aMemberOfAnotherTypeIsNamedWithItsPath() throws {
        let bytes = try tampered(order(), #""quantity":2,"#, #""quantity":"2","#)
        #expect(decodingError(bytes, kind: .order) == KeapViewDecodingError(member: "items[0].quantity", expected: "an integer", found: "the string \"2\""))
    }

    @Test func moneyInAnotherScaleIsRefusedNotRounded() throws {
        // "12.5" is a decimal, but not one the view writes for USD: the bytes would not read back as written
        let bytes = try tampered(order(), #""price_per_unit":"12.50""#, #""price_per_unit":"12.5""#)
        #expect(decodingError(bytes, kind: .order) == KeapViewDecodingError(
            member: "items[0].price_per_unit", expected: "an amount in USD as decimal text with 2 decimals", found: "the string \"12.5\""))
        let number = try tampered(order(), #""payment_amount":"28.95""#, #""payment_amount":28.95"#)
        #expect(decodingError(number, kind: .order)?.member == "payments[0].payment_amount")
    }

    @Test func aTotalThatDisagreesWithTotalMinorIsRefused() throws {
        let bytes = try tampered(order(), #""total":"28.95""#, #""total":"28.96""#)
        #expect(decodingError(bytes, kind: .order)?.member == "total")
    }

    @Test func unknownCodesAndStatusesAreNamed() throws {
        #expect(decodingError(try tampered(order(), #""currency":"USD""#, #""currency":"XYZ""#), kind: .order)
            == KeapViewDecodingError(member: "currency", expected: "an ISO 4217 currency code", found: "the string \"XYZ\""))
        #expect(decodingError(try tampered(order(), #""method":"card""#, #""method":"barter""#), kind: .order)?.member == "payments[0].method")
        #expect(decodingError(try tampered(order(), #""FulfillmentStatus":"pending""#, #""FulfillmentStatus":"lost""#), kind: .order)?.member
            == "custom_fields.FulfillmentStatus")
        #expect(decodingError(try tampered(customer(), #""country_code":"DEU""#, #""country_code":"DE""#), kind: .customer)
            == KeapViewDecodingError(member: "addresses[0].country_code", expected: "an ISO 3166-1 alpha-3 code", found: "the string \"DE\""))
        #expect(decodingError(try tampered(order(), #""item_type":"PRODUCT""#, #""item_type":"SUBSCRIPTION""#), kind: .order)
            == KeapViewDecodingError(member: "items[0].item_type", expected: "one of PRODUCT, SHIPPING, TAX, DISCOUNT", found: "the string \"SUBSCRIPTION\""))
        #expect(decodingError(try tampered(customer(), #""field":"BILLING""#, #""field":"OTHER""#), kind: .customer)
            == KeapViewDecodingError(member: "addresses[0].field", expected: "one of BILLING, SHIPPING", found: "the string \"OTHER\""))
    }

    @Test func aTimeNotInTheViewsFormIsNamed() throws {
        let bytes = try tampered(order(), #""order_time":"2026-11-20T14:03:11.000000000Z""#, #""order_time":"2026-11-20T14:03:11Z""#)
        #expect(decodingError(bytes, kind: .order) == KeapViewDecodingError(
            member: "order_time", expected: "a UTC time with nine decimals", found: "the string \"2026-11-20T14:03:11Z\""))
    }

    @Test func anotherKindAnUnplacedOrderAndNonJSONAreRefused() throws {
        #expect(decodingError(customer().bytes, kind: .order) == KeapViewDecodingError(member: "kind", expected: "\"order\"", found: "the string \"customer\""))
        // Only ready views are confirmed: an unplaced order's view has nothing to read as an order
        let unplaced = KeapView(.order(OrderState(orderRef: "O-9")))
        #expect(decodingError(unplaced.bytes, kind: .order)?.member == "order_title")
        #expect(decodingError(Array("{\"kind\":".utf8), kind: .order)?.member == "(view)")
        #expect(decodingError(Array("[1]".utf8), kind: .order) == KeapViewDecodingError(member: "(view)", expected: "an object", found: "an array"))
    }
}

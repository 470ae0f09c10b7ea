import Testing
import LedgerTestSupport
@testable import LedgerCore

@Suite("Feed validation")
struct FeedValidatorTests {
    private func validate(_ line: String) -> Result<ValidatedEvent, FeedViolation> {
        Array(line.utf8).withUnsafeBufferPointer { FeedValidator.validate(line: $0) }
    }

    private func violation(_ line: String) -> FeedViolation? {
        if case .failure(let violation) = validate(line) { return violation }
        return nil
    }

    @Test func acceptsTheContractExample() throws {
        let event = try validate(FeedLines.orderPlaced(id: "fh-3", ref: "FH-10023")).get()
        #expect(event.type == .orderPlaced)
        #expect(event.stream == "order/FH-10023")
        #expect(event.source == "test")
        #expect(event.version == 1)
        #expect(event.occurredAt.utcText == "2026-11-20T14:03:11.000000000Z")
    }

    @Test func errorNamesTheFieldWhatIsWrongAndWhatWasFound() throws {
        let line = FeedLines.envelope(id: "fh-9", type: "product.upserted", data: #"{"sku":"TEA-1","name":"Tea","price":"12.500","currency":"USD"}"#)
        let found = try #require(violation(line))
        #expect(found.field == "data.price")
        #expect(found.eventID == "fh-9")
        #expect(found.description == #"data.price: has 3 decimal places but USD allows 2; found "12.500""#)
    }

    @Test func unsupportedVersionNamesTheType() throws {
        let line = #"{"id":"a","type":"order.cancelled","occurred_at":"2026-11-20T14:00:00Z","v":2,"data":{"order_ref":"O"}}"#
        let found = try #require(violation(line))
        #expect(found.field == "v")
        #expect(found.reason.contains("version 2 of order.cancelled is not supported"))
    }

    @Test func defaultsApplyBeforeComparing() throws {
        // Given the same event with and without the default source and version written out
        let implicit = #"{"id":"a","type":"order.cancelled","occurred_at":"2026-11-20T14:00:00Z","data":{"order_ref":"O"}}"#
        let explicit = #"{"v":1,"source":"default","data":{"order_ref":"O"},"occurred_at":"2026-11-20T14:00:00Z","type":"order.cancelled","id":"a"}"#
        // Then both are the same JSON value
        #expect(try validate(implicit).get().canonicalBytes == validate(explicit).get().canonicalBytes)
        #expect(try validate(implicit).get().source == "default")
    }

    @Test func nullOptionalFieldMeansAbsentButNullRequiredFieldIsAnError() throws {
        let optionalNull = FeedLines.envelope(id: "a", type: "order.cancelled", data: #"{"order_ref":"O","reason":null}"#)
        #expect(violation(optionalNull) == nil)
        let requiredNull = FeedLines.envelope(id: "a", type: "order.cancelled", data: #"{"order_ref":null}"#)
        #expect(violation(requiredNull)?.description == "data.order_ref: is required but is null")
    }

    @Test func lineRefsMustBeUniqueWithinAnOrder() {
        let line = FeedLines.envelope(id: "a", type: "order.placed", data: #"{"order_ref":"O","customer_ref":"C","currency":"JPY","lines":[{"line_ref":"1","sku":"A","quantity":1,"unit_price":"100"},{"line_ref":"1","sku":"B","quantity":1,"unit_price":"5"}]}"#)
        #expect(violation(line)?.field == "data.lines[1].line_ref")
    }

    @Test func ledgerAssignedFieldsAreRefused() {
        let line = #"{"id":"a","type":"order.cancelled","occurred_at":"2026-11-20T14:00:00Z","seq":null,"data":{"order_ref":"O"}}"#
        #expect(violation(line)?.field == "seq")
    }

    @Test func overlongLineIsRejectedBeforeParsing() {
        let line = String(repeating: " ", count: FeedValidator.maximumLineBytes) + "{}"
        #expect(violation(line)?.reason.contains("limit is 1048576 bytes") == true)
    }
}

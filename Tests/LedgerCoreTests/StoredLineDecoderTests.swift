import Foundation
import Testing
import LedgerCore
import LedgerFeed
import LedgerSampleFeed
import LedgerTestSupport

/// `StoredLineDecoder` may say "not on my path" (nil) for any line, but whenever it answers, the event must be exactly
/// the one the validator builds: projections and `rebuild` fold what it returns.
@Suite("StoredLineDecoder: the validator's events without the validator's tree")
struct StoredLineDecoderTests {
    private static let recordedAt = Timestamp(epochSeconds: 1_796_000_000, nanoseconds: 5)

    /// What became of one valid line.
    private enum Outcome: Equatable {
        case same
        case fellBack
        case different(String)
    }

    private static func outcome(_ bytes: [UInt8]) -> Outcome {
        bytes.withUnsafeBufferPointer { line in
            guard case .success(let validated) = FeedValidator.validate(line: line, withCanonicalBytes: false) else {
                return .different("the validator refused a line the test expects to be valid: \(String(decoding: bytes, as: UTF8.self))")
            }
            guard let fast = StoredLineDecoder.decode(seq: 7, recordedAt: recordedAt, line: line) else { return .fellBack }
            let expected = LedgerEvent(
                seq: 7, source: validated.source, id: validated.id, occurredAt: validated.occurredAt, recordedAt: recordedAt,
                payload: validated.payload)
            return fast == expected ? .same : .different(String(decoding: bytes, as: UTF8.self))
        }
    }

    @Test(arguments: [3, 11, 29] as [UInt64])
    func generatedFeedsDecodeToTheValidatorsEvents(seed: UInt64) {
        // Given a generated feed (restyled key orders, escapes, unknown fields, every event type)
        var generator = SampleFeedGenerator(configuration: SampleFeedConfiguration(events: 20_000, seed: seed))
        var fast = 0
        var total = 0
        var different: [String] = []
        // When every line is decoded both ways
        while let line = generator.nextLine() {
            total += 1
            switch Self.outcome(line) {
            case .same: fast += 1
            case .fellBack: break
            case .different(let text): different.append(text)
            }
        }
        // Then no line decodes differently, and the fast path is the rule (else it would speed nothing up)
        #expect(different.isEmpty, "\(different.prefix(3))")
        #expect(fast * 100 >= total * 98, "only \(fast) of \(total) lines took the fast path")
    }

    @Test func everyValidFixtureDecodesToTheValidatorsEvent() throws {
        // Given every line of every valid fixture file (the edge cases of each rule: nulls, money as numbers, …)
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: RepositoryPaths.fixture("feed/manifest.json"))) as? [String: Any]
        var checked = 0
        var different: [String] = []
        for file in manifest?["files"] as? [[String: Any]] ?? [] where file["expect"] as? String == "valid" {
            let path = try #require(file["path"] as? String)
            try LineFramer(source: try FeedInput.open(RepositoryPaths.fixture("feed/" + path).path)).forEachLine { line in
                checked += 1
                // When it is decoded both ways, then the events are equal (or the fast path stepped aside)
                if case .different(let text) = Self.outcome(Array(line.bytes)) { different.append("\(path):\(line.number) \(text)") }
            }
        }
        #expect(checked > 50)
        #expect(different.isEmpty, "\(different.prefix(3))")
    }

    @Test func dataBeforeTypeUnknownFieldsAndNullsDecodeAsValidated() {
        // Given lines the fast path must read in full: data first, unknown members of every JSON kind, optional nulls
        let lines = [
            #"{"data":{"order_ref":"A-1","customer_ref":"C-1","currency":"USD","lines":[{"line_ref":"1","sku":"S","quantity":2,"unit_price":12.5,"x":[1,{"y":"}"}]}],"shipping":null,"promo_codes":null,"z":{"a":[true,false,null]}},"type":"order.placed","id":"e1","occurred_at":"2026-01-01T10:00:00+02:00","v":1,"extra":"\"quoted\""}"#,
            #"{"id":"e2","type":"shipment.shipped","occurred_at":"2026-01-02T00:00:00.5Z","source":null,"data":{"order_ref":"A-1","shipment_ref":"S1","carrier":"UPS","lines":null,"service":null}}"#,
            #"{ "id" : "e3" , "type" : "payment.captured" , "occurred_at" : "2026-01-02T00:00:00Z" , "data" : { "order_ref" : "A-1" , "payment_ref" : "P1" , "amount" : "25.00" , "method" : null } }"#,
            #"{"id":"e4","type":"subscription.status_changed","occurred_at":"2026-01-03T00:00:00Z","source":"shop","data":{"subscription_ref":"SUB-1","status":"past_due","current_period_end":null,"order_ref":5}}"#,
        ]
        for line in lines {
            // Then each is decoded on the fast path, to the validator's event
            #expect(Self.outcome(Array(line.utf8)) == .same, "\(line)")
        }
    }

    @Test func aStringWithAnEscapeStepsAside() {
        // Given a valid line whose string holds an escape (the fast path copies strings, it does not unescape them)
        let line = #"{"id":"e5","type":"order.cancelled","occurred_at":"2026-01-01T00:00:00Z","data":{"order_ref":"A-1","reason":"said \"no\""}}"#
        // Then it returns nil, so the caller uses the validator
        #expect(Self.outcome(Array(line.utf8)) == .fellBack)
    }

    /// The byte lookup the decoder and the validator use names every type exactly as its raw value does, and
    /// nothing else: not a prefix, a longer name, another case or a different case of letters.
    @Test func everyEventTypeIsFoundByItsNameAndNothingElseIs() {
        for type in EventType.allCases {
            #expect(EventType(name: type.rawValue) == type)
            #expect(EventType(name: String(type.rawValue.dropLast())) == nil)
            #expect(EventType(name: type.rawValue + "s") == nil)
            #expect(EventType(name: type.rawValue.uppercased()) == nil)
        }
        #expect(EventType(name: "") == nil)
        #expect(EventType(name: "order.Placed") == nil)
    }
}


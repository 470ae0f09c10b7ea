import Crypto
import Foundation
import Testing
import LedgerCore
import LedgerFeed
import LedgerSampleFeed
import LedgerStore
import LedgerTestSupport

/// Pins the bytes of the Keap view (the outbox's `desired_hash` is their SHA-256, `confirmed_json` is them): a ledger
/// written by an older version must find nothing new to send after an upgrade, so any change to how a view is
/// built or written must leave these digests as they are. The digests were taken from the untyped `JSONValue` view
/// before it became typed (issue 14); a failure here means stored hashes would no longer match.
@Suite("Keap view bytes are pinned")
struct KeapViewBytesPinTests {
    private static let recordedAt = Timestamp(epochSeconds: 1_796_000_000, nanoseconds: 0)

    private static func hex(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    /// Every stream the lines touch, folded in business-time order the way the projector folds them (a repeated
    /// event id is stored once, so it is folded once).
    private static func fold(_ lines: [[UInt8]], rejected: inout [String]) -> [String: StreamState] {
        var seen: Set<String> = []
        var events: [String: [LedgerEvent]] = [:]
        var seq: Int64 = 0
        for line in lines {
            let result = line.withUnsafeBufferPointer { FeedValidator.validate(line: $0, withCanonicalBytes: false) }
            guard case .success(let validated) = result else {
                rejected.append(String(decoding: line, as: UTF8.self))
                continue
            }
            guard seen.insert(validated.id).inserted else { continue }
            seq += 1
            let event = LedgerEvent(
                seq: seq, source: validated.source, id: validated.id, occurredAt: validated.occurredAt, recordedAt: recordedAt,
                payload: validated.payload)
            events[event.type.streamKind.stream(event.payload.streamReference), default: []].append(event)
        }
        return events.mapValues { streamEvents in
            let first = streamEvents[0]
            var state = StreamState(kind: first.type.streamKind, reference: first.payload.streamReference)
            for event in streamEvents.sorted(by: { $0.precedes($1) }) { state.apply(event) }
            return state
        }
    }

    /// One digest over every stream's view: stream name, readiness and view bytes, streams in name order.
    private static func digest(_ states: [String: StreamState]) -> String {
        var hasher = SHA256()
        for stream in states.keys.sorted() {
            let view = KeapView(states[stream]!)
            hasher.update(data: Array("\(stream) \(view.isReady)\n".utf8))
            hasher.update(data: view.bytes)
            hasher.update(data: [0x0A])
        }
        return hex(hasher.finalize())
    }

    private static func sampleLines(seed: UInt64) -> [[UInt8]] {
        var generator = SampleFeedGenerator(configuration: SampleFeedConfiguration(events: 6_000, seed: seed))
        var lines: [[UInt8]] = []
        while let line = generator.nextLine() { lines.append(line) }
        return lines
    }

    @Test(arguments: [
        (UInt64(3), 2_283, "fe81b37448e7dd0d6093672ad47e2c90080baa32d979b38eb2ae374ab82d1502"),
        (UInt64(11), 2_287, "6de7f575df0f69baa07c01147408629a0aa448d14d53f882b705a60a8cadb5fc"),
        (UInt64(29), 2_226, "4bde2a6c0f43551525b15de92cc4b0f419ddee64facecb544c98a40d8a6b4040"),
    ])
    func everyStreamOfAGeneratedFeed(seed: UInt64, streams: Int, pinned: String) {
        var rejected: [String] = []
        let states = Self.fold(Self.sampleLines(seed: seed), rejected: &rejected)
        // The feed holds every kind of stream, incomplete ones and the JPY/EUR orders among them.
        let kinds = Set(states.values.map(\.kind))
        #expect(kinds.count == 4)
        #expect(states.values.contains { if case .order(let order) = $0 { order.currency?.code == "JPY" } else { false } })
        #expect(states.values.contains { !KeapView($0).isReady })
        #expect(states.count == streams, "seed \(seed)")
        #expect(Self.digest(states) == pinned, "seed \(seed)")
    }

    /// Prints what building and writing every view of a feed costs (no bound: wall-clock limits fail on slow
    /// machines). The fold workers build and hash one view per folded stream, so a change to the view's writer is
    /// compared here, before and after, in the same build configuration.
    @Test func buildingAndWritingViewsCostIsPrinted() {
        var rejected: [String] = []
        let states = Array(Self.fold(Self.sampleLines(seed: 3), rejected: &rejected).values)
        let clock = ContinuousClock()
        var bytes = 0
        let elapsed = clock.measure {
            for _ in 0..<20 {
                for state in states { bytes &+= KeapView(state).bytes.count }
            }
        }
        print("Keap views: \(states.count * 20) built and written in \(elapsed) (\(bytes) bytes)")
        #expect(bytes > 0)
    }

    @Test func everyStreamOfTheValidFixtures() throws {
        // The fixtures are the edge cases of each feed rule: nulls, money as numbers, escapes, every event type.
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: RepositoryPaths.fixture("feed/manifest.json"))) as? [String: Any]
        var lines: [[UInt8]] = []
        for file in manifest?["files"] as? [[String: Any]] ?? [] where file["expect"] as? String == "valid" {
            let path = try #require(file["path"] as? String)
            try LineFramer(source: try FeedInput.open(RepositoryPaths.fixture("feed/" + path).path)).forEachLine { line in
                lines.append(Array(line.bytes))
            }
        }
        var rejected: [String] = []
        let states = Self.fold(lines, rejected: &rejected)
        #expect(rejected.isEmpty)
        #expect(states.count == 19)
        #expect(Self.digest(states) == "09a823b9c1b14d42afef005c47abcfeccf3b859163603a7f4f3e6bdfbce74bb9")
    }

    private static func line(_ type: String, _ time: String, _ id: String, _ data: String) -> [UInt8] {
        Array(EventBuilder.line(type, at: time, id: id, data: data).utf8)
    }

    /// Hand-made states, each for one rule of the mapping, with the SHA-256 of its view as written today.
    static let edgeCases: [(name: String, lines: [[UInt8]], sha256: String)] = [
        ("an order with payments and refunds but no order.placed", [
            line("payment.captured", "2026-11-20T14:03:20Z", "e1", #"{"order_ref":"O-9","payment_ref":"P-1","amount":"1.00"}"#),
            line("payment.refunded", "2026-11-20T15:00:00Z", "e2", #"{"order_ref":"O-9","payment_ref":"P-1","refund_ref":"R-1","amount":"1.00"}"#),
        ], "476996319d7245eb4b8b35d768eb44d561e71dc083e94e08f1771690225601e4"),
        ("a USD order with every charge, a line description, shipments, payments with and without a method, a refund", [
            line("order.placed", "2026-11-20T14:03:11Z", "e1", #"{"order_ref":"FH-1","customer_ref":"C-77","currency":"USD","lines":[{"line_ref":"1","sku":"TEA-1","quantity":2,"unit_price":"12.50","description":"Green \"tea\"\\ 250g\n"},{"line_ref":"2","sku":"MUG-1","quantity":1,"unit_price":8}],"shipping":"4.95","tax":2.10,"discount":"1.00"}"#),
            line("order.status_changed", "2026-11-20T15:00:00Z", "e2", #"{"order_ref":"FH-1","status":"processing"}"#),
            line("shipment.shipped", "2026-11-21T09:12:00.123456789+02:00", "e3", #"{"order_ref":"FH-1","shipment_ref":"S-1","carrier":"UPS","tracking_number":"1Z999","tracking_url":"https://ups.example/1Z999?a=1&b=é"}"#),
            line("shipment.delivered", "2026-11-23T10:00:00Z", "e4", #"{"order_ref":"FH-1","shipment_ref":"S-1"}"#),
            line("payment.captured", "2026-11-20T14:03:20Z", "e5", #"{"order_ref":"FH-1","payment_ref":"P-1","amount":"20.00","method":"card"}"#),
            line("payment.captured", "2026-11-20T14:04:20Z", "e6", #"{"order_ref":"FH-1","payment_ref":"P-2","amount":"12.55"}"#),
            line("payment.refunded", "2026-11-24T10:00:00Z", "e7", #"{"order_ref":"FH-1","payment_ref":"P-1","refund_ref":"R-1","amount":"5.00"}"#),
        ], "d1af22343a6a14fe90d2ef3c9d57c833a01e14a5f6b2b002e21d77d65b5ff55c"),
        ("an order whose charges went back to zero, with a second shipment without tracking", [
            line("order.placed", "2026-11-20T14:03:11Z", "e1", #"{"order_ref":"FH-2","customer_ref":"C-1","currency":"EUR","lines":[{"line_ref":"a","sku":"TEA-1","quantity":3,"unit_price":"0.05"}],"shipping":"4.95","discount":"0.10"}"#),
            line("order.charges_changed", "2026-11-20T16:00:00Z", "e2", #"{"order_ref":"FH-2","shipping":"0.00","discount":"0"}"#),
            line("shipment.shipped", "2026-11-21T09:12:00Z", "e3", #"{"order_ref":"FH-2","shipment_ref":"S-1","carrier":"DHL","tracking_number":"JD1"}"#),
            line("shipment.shipped", "2026-11-22T09:12:00Z", "e4", #"{"order_ref":"FH-2","shipment_ref":"S-2","carrier":"Post"}"#),
        ], "9ec4c3d98ad8e5f4ae442bffccacfc9fe4fb5340839215432918899f5f0659ca"),
        ("a JPY order (no decimals) with tax and a payment", [
            line("order.placed", "2026-11-20T14:03:11Z", "e1", #"{"order_ref":"JP-1","customer_ref":"C-2","currency":"JPY","lines":[{"line_ref":"1","sku":"MATCHA","quantity":1,"unit_price":"1500"}],"tax":"150"}"#),
            line("payment.captured", "2026-11-20T14:03:20Z", "e2", #"{"order_ref":"JP-1","payment_ref":"P-1","amount":1650,"method":"cash"}"#),
        ], "714339ae855b454d6819310f41d63f8d9c46174d729bbffcb9be916a55576ae2"),
        ("an order with its optional members null", [
            line("order.placed", "2026-11-20T14:03:11Z", "e1", #"{"order_ref":"NC-1","customer_ref":"C-1","currency":"USD","lines":[{"line_ref":"1","sku":"TEA-1","quantity":1,"unit_price":"1","description":null}],"shipping":null,"tax":null,"discount":null}"#),
        ], "286ace428d8b1a9f339b1106bcaac7dd9ee50b76b0e9cb7991b4d72e29888c18"),
        ("a cancelled order", [
            line("order.placed", "2026-11-20T14:03:11Z", "e1", #"{"order_ref":"X-1","customer_ref":"C-1","currency":"USD","lines":[{"line_ref":"1","sku":"TEA-1","quantity":1,"unit_price":"1"}]}"#),
            line("order.cancelled", "2026-11-20T15:03:11Z", "e2", #"{"order_ref":"X-1","reason":"asked"}"#),
        ], "3ed1c2bb52fe3dae5045ae4fa451545a4619a0d793e1f1498e150cc70202898b"),
        ("a customer with every member and both addresses, one without its optional parts", [
            line("customer.upserted", "2026-11-20T14:00:00Z", "e1", #"{"customer_ref":"C-77","email":"ada@example.com","first_name":"Ada","last_name":"Lovelace","phone":"+44 20 7946 0000","company":"Analytical \"Engines\"","billing_address":{"line1":"12 Tea Street","line2":"Flat 3","city":"Leeds","region":"WYK","postal_code":"LS1 4AP","country_code":"GB"},"shipping_address":{"line1":"1 Main St","city":"Springfield","country_code":"US"}}"#),
        ], "35dab3bba552b8fbcfa73ca0d90f608c2fb253c402890c3bc134e6a5f3b6fe89"),
        ("a customer with names and only a shipping address with a region", [
            line("customer.upserted", "2026-11-20T14:00:00Z", "e1", #"{"customer_ref":"C-8","email":"bo@example.com","first_name":"Bo","last_name":"Ø","shipping_address":{"line1":"1 Rue","city":"Paris","region":"75","country_code":"FR"}}"#),
        ], "429439e09a83bc163f7b471a4a587ac07b54c02a529294d0e591e40df3a7b00e"),
        ("a customer with only an email", [
            line("customer.upserted", "2026-11-20T14:00:00Z", "e1", #"{"customer_ref":"C-9","email":"x@example.com"}"#),
        ], "bc833fcb734ee96bfddadd561c332589ad4e1786a3ee62e1b90df9856a319bad"),
        ("a product with description, price and subscription flag", [
            line("product.upserted", "2026-11-20T14:00:00Z", "e1", #"{"sku":"TEA-CLUB","name":"Tea club","price":"9.99","currency":"USD","subscription":true,"description":"Monthly","active":false}"#),
        ], "d426931a9ae4f79a4211ca2ce25101dd873c1687923fbaf850dc1677c11aa5cb"),
        ("a product upserted twice, the second without the optional members", [
            line("product.upserted", "2026-11-20T14:00:00Z", "e1", #"{"sku":"TWICE","name":"Free sample","price":"0.00","currency":"USD","description":"d","active":false}"#),
            line("product.upserted", "2026-11-21T14:00:00Z", "e2", #"{"sku":"TWICE","name":"Sample","price":"1.00","currency":"EUR"}"#),
        ], "cad1b04c0a7d9044a919e3a1fd53c60d62577f2fd9a08653fc9b8f37db3ec81d"),
        ("a JPY product", [
            line("product.upserted", "2026-11-20T14:00:00Z", "e1", #"{"sku":"MATCHA","name":"Matcha","price":"1500","currency":"JPY"}"#),
        ], "70acbb33c2973d46d17dceb9553fbb5cffd7c346137fccb3ae769e406e8534e2"),
        ("a subscription started, renewed with an order and cancelled", [
            line("subscription.started", "2026-11-20T10:00:00Z", "e1", #"{"subscription_ref":"S-1","customer_ref":"C-1","sku":"TEA-CLUB","price":"9.99","currency":"USD","interval":"month","interval_count":2,"current_period_end":"2027-01-20T10:00:00Z"}"#),
            line("subscription.renewed", "2027-01-20T10:00:00Z", "e2", #"{"subscription_ref":"S-1","order_ref":"O-77","current_period_end":"2027-03-20T10:00:00Z"}"#),
            line("subscription.status_changed", "2027-02-01T10:00:00Z", "e3", #"{"subscription_ref":"S-1","status":"cancelled"}"#),
        ], "5e760c92021b69e16e2a58836e9ec8c36622cc31c6361cd9652c0c8bfe4f2cfb"),
        ("a JPY subscription", [
            line("subscription.started", "2026-11-20T10:00:00Z", "e1", #"{"subscription_ref":"S-2","customer_ref":"C-2","sku":"MATCHA","price":"1500","currency":"JPY","interval":"year","current_period_end":"2027-11-20T10:00:00Z"}"#),
        ], "243f8109876393cead1aece08412275fdb0b468172815ca6345c9accb6e136f4"),
        ("a subscription seen only through a status change", [
            line("subscription.status_changed", "2027-02-01T10:00:00Z", "e1", #"{"subscription_ref":"S-3","status":"paused"}"#),
        ], "67578df9b8a9a54b7be6621c87f6c7c87791c97eb72f496a5cb26fbde8e5d70c"),
    ]

    /// Streams with nothing folded: a customer without an email, a product without a name or price, an order without
    /// `order.placed`, a subscription without its start (none of them ready).
    @Test(arguments: [
        ("customer/C-0", "562f65fd9a597be602fcb8c40a7624c04c766ad671725271098a9f0103cb3c67"),
        ("product/P-0", "d84cd3fb50700171eb54554aaeca5cff67db558f1f0a8470efd64aa9b3d82271"),
        ("order/O-0", "ea845482ccccdde85bf01ec4df26608f38faa90ea837c69b01fcee0ec7709fcc"),
        ("subscription/S-0", "494a2996254ccbe5ddfee087ef341e8c3ff0b5df2429759438149f98ddc137f8"),
    ])
    func emptyState(stream: String, sha256: String) throws {
        let view = KeapView(try #require(StreamState(stream: stream)))
        #expect(!view.isReady)
        #expect(Self.hex(view.sha256) == sha256, "\(stream): \(String(decoding: view.bytes, as: UTF8.self))")
    }

    @Test(arguments: 0..<edgeCases.count)
    func handMadeEdgeCase(_ index: Int) throws {
        let edgeCase = Self.edgeCases[index]
        var rejected: [String] = []
        let states = Self.fold(edgeCase.lines, rejected: &rejected)
        #expect(rejected.isEmpty, "\(edgeCase.name): \(rejected)")
        let state = try #require(states.count == 1 ? states.values.first : nil, "\(edgeCase.name): \(states.count) streams")
        let view = KeapView(state)
        #expect(Self.hex(view.sha256) == edgeCase.sha256, "\(edgeCase.name): \(String(decoding: view.bytes, as: UTF8.self))")
    }
}

import Foundation
import LedgerSampleFeed
import Testing

/// The sample feed: size, determinism, envelope, duplicates, late arrivals, incomplete orders, totals.
@Suite("Sample feed generator")
struct SampleFeedGeneratorTests {
    @Test("emits exactly the requested number of lines, then nil", arguments: [0, 1, 7, 1000, 4321])
    func emitsExactlyTheRequestedNumberOfLines(events: Int) {
        // Given a generator for `events` lines
        var generator = SampleFeedGenerator(configuration: SampleFeedConfiguration(events: events, seed: 3))

        // When every line is drawn
        var count = 0
        while generator.nextLine() != nil { count += 1 }

        // Then there are exactly `events`, and the generator stays exhausted
        #expect(count == events)
        #expect(generator.nextLine() == nil)
    }

    @Test("the same configuration gives byte-identical feeds")
    func sameSeedGivesIdenticalBytes() {
        // Given two generators with the same configuration
        let configuration = SampleFeedConfiguration(events: 5000, seed: 42)

        // When both feeds are generated
        let first = ParsedFeed.lines(configuration)
        let second = ParsedFeed.lines(configuration)

        // Then they are identical, byte for byte
        #expect(first == second)
    }

    @Test("a different seed gives a different feed")
    func differentSeedGivesDifferentBytes() {
        // Given two configurations differing only in the seed
        let first = ParsedFeed.lines(SampleFeedConfiguration(events: 2000, seed: 1))
        let second = ParsedFeed.lines(SampleFeedConfiguration(events: 2000, seed: 2))

        // Then the feeds differ
        #expect(first != second)
    }

    @Test("every line is one JSON object with the envelope fields")
    func everyLineParsesWithTheEnvelope() throws {
        // Given a feed with a custom source
        let lines = ParsedFeed.lines(SampleFeedConfiguration(events: 20_000, seed: 5, source: "fh-east"))

        // When each line is parsed
        for bytes in lines {
            // Then it is a single line of JSON with the envelope's fields and types
            #expect(!bytes.contains(UInt8(ascii: "\n")) && !bytes.contains(UInt8(ascii: "\r")))
            let line = try #require(ParsedFeed.parse(bytes), "not an envelope: \(String(decoding: bytes, as: UTF8.self))")
            #expect(!line.id.isEmpty && line.id.count <= 128)
            #expect(Self.eventTypes.contains(line.type), "unknown type \(line.type)")
            #expect(line.object["source"] as? String == "fh-east")
            #expect(line.object["seq"] == nil && line.object["recorded_at"] == nil)
        }
    }

    @Test("a feed of a few weeks of business shows all 17 event types")
    func everyEventTypeAppears() {
        // Given a feed long enough for deliveries, returns and subscription renewals
        let lines = ParsedFeed.lines(SampleFeedConfiguration(events: 150_000, seed: 7))

        // When the type of each original line is read (compact lines start with `{"id":"…","type":"`)
        var types = Set<String>()
        let marker = Array(#","type":""#.utf8)
        for line in lines {
            guard let start = line.firstRange(of: marker)?.upperBound,
                  let end = line[start...].firstIndex(of: UInt8(ascii: "\""))
            else { continue }
            types.insert(String(decoding: line[start..<end], as: UTF8.self))
        }

        // Then every type of the contract occurs, and no other
        #expect(types == Self.eventTypes, "missing: \(Self.eventTypes.subtracting(types).sorted()), extra: \(types.subtracting(Self.eventTypes).sorted())")
    }

    /// The contract's 17 event types.
    static let eventTypes: Set<String> = [
        "customer.upserted", "product.upserted", "order.placed", "order.line_added", "order.line_changed",
        "order.line_removed", "order.charges_changed", "order.status_changed", "order.cancelled",
        "shipment.shipped", "shipment.delivered", "shipment.returned", "payment.captured", "payment.refunded",
        "subscription.started", "subscription.renewed", "subscription.status_changed",
    ]

    @Test("ids are unique except duplicates, which repeat their original's JSON value, some re-serialised")
    func duplicatesRepeatTheSameValue() throws {
        // Given a feed with 3% duplicates
        let lines = ParsedFeed.parsed(SampleFeedConfiguration(events: 20_000, seed: 9, duplicateRate: 0.03))
        #expect(lines.count == 20_000)

        // When lines are grouped by id
        var originals: [String: ParsedLine] = [:]
        var repeats = 0
        var byteIdentical = 0
        var byteDifferent = 0
        for line in lines {
            guard let original = originals[line.id] else {
                originals[line.id] = line
                continue
            }
            // Then every repeat has the same JSON value as its original
            repeats += 1
            #expect(line.object.isEqual(original.object), "id \(line.id) differs in value")
            if line.bytes == original.bytes { byteIdentical += 1 } else { byteDifferent += 1 }
        }
        // And there are about as many as asked for, some byte-identical and some re-serialised
        #expect((300...900).contains(repeats), "repeats: \(repeats)")
        #expect(byteIdentical > 0)
        #expect(byteDifferent > 0)
    }

    @Test("without duplicates every id is unique")
    func noDuplicatesMeansUniqueIDs() {
        // Given a feed with no duplicates
        let lines = ParsedFeed.parsed(SampleFeedConfiguration(events: 10_000, seed: 9, duplicateRate: 0))

        // Then no id repeats
        #expect(lines.count == 10_000)
        #expect(Set(lines.map(\.id)).count == lines.count)
    }

    @Test("late arrivals: some events follow a later-occurring event of their stream, only when asked for",
          arguments: [0.02, 0.0])
    func lateArrivals(lateRate: Double) {
        // Given a feed with the given late rate
        let lines = ParsedFeed.originals(ParsedFeed.parsed(SampleFeedConfiguration(events: 20_000, seed: 11, lateRate: lateRate)))

        // When each event is compared with the latest occurred_at already seen in its stream
        var latest: [String: Date] = [:]
        var instants: [String: Set<Date>] = [:]
        var late = 0
        for line in lines {
            let stream = line.stream
            if let previous = latest[stream], line.occurredAt < previous { late += 1 }
            latest[stream] = max(latest[stream] ?? line.occurredAt, line.occurredAt)
            // Then no two events of a stream share an instant
            #expect(instants[stream, default: []].insert(line.occurredAt).inserted, "repeated occurred_at in \(stream)")
        }

        // And late events exist (about the asked share) exactly when asked for
        if lateRate > 0 {
            #expect(Double(late) > 0.5 * lateRate * Double(lines.count), "late: \(late) of \(lines.count)")
        } else {
            #expect(late == 0)
        }
    }

    @Test("incomplete orders get payments or shipments but never their order.placed", arguments: [0.02, 0.0])
    func incompleteOrders(incompleteRate: Double) {
        // Given a feed without late arrivals (so every placed order's order.placed is out before the end)
        let lines = ParsedFeed.parsed(SampleFeedConfiguration(events: 20_000, seed: 13, lateRate: 0, incompleteRate: incompleteRate))

        // When the orders with order.placed are compared with those paid or shipped
        let placed = Set(lines.filter { $0.type == "order.placed" }.compactMap { $0.data["order_ref"] as? String })
        let fulfilled = Set(lines.filter { $0.type.hasPrefix("payment.") || $0.type.hasPrefix("shipment.") }
            .compactMap { $0.data["order_ref"] as? String })
        let incomplete = fulfilled.subtracting(placed)

        // Then there are incomplete orders exactly when asked for
        if incompleteRate > 0 {
            #expect(!incomplete.isEmpty)
        } else {
            #expect(incomplete.isEmpty, "orders without order.placed: \(incomplete.sorted().prefix(5))")
        }
    }

    @Test("payments never exceed the order total and refunds never exceed their payment",
          arguments: [
            SampleFeedConfiguration(events: 20_000, seed: 17, lateRate: 0, duplicateRate: 0, incompleteRate: 0),
            SampleFeedConfiguration(events: 20_000, seed: 19),
          ])
    func totalsAddUp(configuration: SampleFeedConfiguration) throws {
        // Given a feed, its events grouped per order and put in occurred_at order
        let lines = ParsedFeed.originals(ParsedFeed.parsed(configuration))
        var byOrder: [String: [ParsedLine]] = [:]
        for line in lines where line.stream.hasPrefix("order/") {
            byOrder[line.stream, default: []].append(line)
        }

        var checked = 0
        var edited = 0
        for (stream, events) in byOrder {
            let events = events.sorted { $0.occurredAt < $1.occurredAt }
            guard let placement = events.first(where: { $0.type == "order.placed" }) else { continue }
            let currency = try #require(placement.data["currency"] as? String)
            let decimals = currency == "JPY" ? 0 : 2
            func amount(_ value: Any?) throws -> Int64 {
                try #require(ParsedFeed.minorUnits(value, decimals: decimals), "bad amount \(String(describing: value)) in \(stream)")
            }

            // When lines, line changes and charges are folded, and payments and refunds summed
            var lineValues: [String: (quantity: Int64, price: Int64)] = [:]
            for line in try #require(placement.data["lines"] as? [[String: Any]]) {
                let ref = try #require(line["line_ref"] as? String)
                #expect(lineValues[ref] == nil, "duplicate line_ref in \(stream)")
                lineValues[ref] = (try #require((line["quantity"] as? NSNumber)?.int64Value), try amount(line["unit_price"]))
            }
            var charges: [String: Int64] = [:]
            for key in ["shipping", "tax", "discount"] {
                charges[key] = placement.data[key] == nil ? 0 : try amount(placement.data[key])
            }
            var captured: [String: Int64] = [:]
            var refunded: [String: Int64] = [:]
            for event in events where event.id != placement.id {
                let data = event.data
                switch event.type {
                case "order.line_added":
                    let line = try #require(data["line"] as? [String: Any])
                    let ref = try #require(line["line_ref"] as? String)
                    #expect(lineValues[ref] == nil, "line_added reuses \(ref) in \(stream)")
                    lineValues[ref] = (try #require((line["quantity"] as? NSNumber)?.int64Value), try amount(line["unit_price"]))
                    edited += 1
                case "order.line_changed":
                    let ref = try #require(data["line_ref"] as? String)
                    var line = try #require(lineValues[ref], "change to unknown line \(ref) in \(stream)")
                    if let quantity = data["quantity"] as? NSNumber { line.quantity = quantity.int64Value }
                    if data["unit_price"] != nil { line.price = try amount(data["unit_price"]) }
                    lineValues[ref] = line
                    edited += 1
                case "order.line_removed":
                    let ref = try #require(data["line_ref"] as? String)
                    #expect(lineValues.removeValue(forKey: ref) != nil, "removal of unknown line \(ref) in \(stream)")
                    edited += 1
                case "order.charges_changed":
                    for key in ["shipping", "tax", "discount"] where data[key] != nil {
                        charges[key] = try amount(data[key])
                    }
                    edited += 1
                case "payment.captured":
                    let ref = try #require(data["payment_ref"] as? String)
                    captured[ref, default: 0] += try amount(data["amount"])
                case "payment.refunded":
                    let ref = try #require(data["payment_ref"] as? String)
                    refunded[ref, default: 0] += try amount(data["amount"])
                default:
                    break
                }
            }
            let total = lineValues.values.reduce(0) { $0 + $1.quantity * $1.price }
                + charges["shipping"]! + charges["tax"]! - charges["discount"]!

            // Then the total is positive, captures stay within it, refunds within their capture
            #expect(total > 0, "total \(total) in \(stream)")
            #expect(captured.values.reduce(0, +) <= total, "captured \(captured) > total \(total) in \(stream)")
            for (payment, amount) in refunded {
                #expect(amount <= captured[payment] ?? 0, "refund \(amount) above capture of \(payment) in \(stream)")
            }
            if !captured.isEmpty { checked += 1 }
        }
        // And the check covered many paid orders, including edited ones
        #expect(checked > 1000, "paid orders checked: \(checked)")
        #expect(edited > 100, "edits folded: \(edited)")
    }

    @Test("money is decimal text with exactly the currency's decimals, or occasionally a JSON number")
    func moneyMatchesTheCurrency() throws {
        // Given the order.placed events of a feed
        let lines = ParsedFeed.originals(ParsedFeed.parsed(SampleFeedConfiguration(events: 20_000, seed: 23)))
        var currencies = Set<String>()
        var numbers = 0
        for line in lines where line.type == "order.placed" {
            let currency = try #require(line.data["currency"] as? String)
            currencies.insert(currency)
            let decimals = currency == "JPY" ? 0 : 2
            for item in try #require(line.data["lines"] as? [[String: Any]]) {
                // Then every unit price reads as minor units of the order's currency
                #expect(ParsedFeed.minorUnits(item["unit_price"], decimals: decimals) != nil, "\(item) in \(currency)")
                if item["unit_price"] is NSNumber { numbers += 1 }
            }
        }
        // And the feed exercises other currencies and numeric amounts
        #expect(currencies.isSuperset(of: ["USD", "EUR", "JPY"]), "currencies: \(currencies)")
        #expect(numbers > 0)
    }

    @Test("write(to:) produces exactly the nextLine() lines, each followed by a newline, in ~64 KiB chunks")
    func writeMatchesNextLine() {
        // Given two generators with the same configuration
        let configuration = SampleFeedConfiguration(events: 3000, seed: 29)
        var byLine = SampleFeedGenerator(configuration: configuration)
        var byChunk = SampleFeedGenerator(configuration: configuration)

        // When one is drained line by line and the other through write(to:)
        var expected: [UInt8] = []
        while let line = byLine.nextLine() {
            expected += line
            expected.append(UInt8(ascii: "\n"))
        }
        var written: [UInt8] = []
        var chunkSizes: [Int] = []
        byChunk.write { chunk in
            written.append(contentsOf: chunk)
            chunkSizes.append(chunk.count)
        }

        // Then the bytes are identical, and every chunk but the last is at least 64 KiB
        #expect(written == expected)
        #expect(chunkSizes.count > 1)
        #expect(chunkSizes.dropLast().allSatisfy { $0 >= 64 * 1024 && $0 < 128 * 1024 })
        var exhausted = false
        byChunk.write { _ in exhausted = true }
        #expect(!exhausted, "a drained generator writes nothing more")
    }

    @Test("write(to:) passes the sink's error through")
    func writeRethrows() {
        // Given a sink that fails
        struct SinkFull: Error {}
        var generator = SampleFeedGenerator(configuration: SampleFeedConfiguration(events: 10))

        // Then write(to:) throws its error
        #expect(throws: SinkFull.self) {
            try generator.write { _ in throw SinkFull() }
        }
    }
}

import Foundation
import LedgerCore

/// The flush bench's feed: `orders` complete USD orders that all sync cleanly, written as NDJSON. Not the sample
/// feed: that one mixes in EUR/JPY orders (parked, never sent), incomplete orders and subscriptions, which would
/// make "orders per second" depend on the mix rather than on the flush.
///
/// Shape: a catalogue of `catalogueSize` products, one customer per ten orders (repeat buyers, as in a real shop:
/// contacts are cheaper than orders to sync, so the ratio matters), and per order 1–3 lines of distinct SKUs,
/// shipping, 8 % tax, and one card payment of exactly the total (Keap refuses a payment above the balance).
/// Deterministic: the same `orders` gives the same bytes.
struct BenchOrderFeed {
    static let catalogueSize = 12
    static let source = "bench"

    let orders: Int

    var customers: Int { max(1, (orders + 9) / 10) }
    /// Streams the flush sends: every customer, product and order.
    var streams: Int { customers + Self.catalogueSize + orders }
    var events: Int { customers + Self.catalogueSize + 2 * orders }

    /// Writes the feed to `path`, in chunks so a large `orders` never holds the whole file in memory.
    func write(to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        let file = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? file.close() }
        var chunk = ""
        func emit(_ line: String) throws {
            chunk += line
            chunk += "\n"
            if chunk.utf8.count >= 1 << 20 {
                try file.write(contentsOf: Data(chunk.utf8))
                chunk = ""
            }
        }
        // Master data a day before the first order, so every order's customer and products exist when it is placed.
        let masterAt = Self.time(-86_400)
        for index in 0..<Self.catalogueSize {
            try emit(Self.line(id: "p-\(index)", type: "product.upserted", at: masterAt,
                               data: #"{"sku":"\#(Self.sku(index))","name":"Bench product \#(index)","price":"\#(Self.money(Self.priceCents(index)))","currency":"USD"}"#))
        }
        for index in 0..<customers {
            try emit(Self.line(id: "c-\(index)", type: "customer.upserted", at: masterAt,
                               data: #"{"customer_ref":"\#(Self.customerRef(index))","email":"bench.customer.\#(index)@example.com","first_name":"Bench","last_name":"Customer \#(index)"}"#))
        }
        for index in 0..<orders {
            var random = SplitMix64(seed: UInt64(index))
            let lineCount = 1 + Int(random.next() % 3)
            let firstSKU = Int(random.next() % UInt64(Self.catalogueSize))
            var lines: [String] = []
            var subtotal = 0
            for line in 0..<lineCount {
                // Consecutive catalogue entries: distinct SKUs within the order, spread over the catalogue.
                let product = (firstSKU + line) % Self.catalogueSize
                let quantity = 1 + Int(random.next() % 3)
                subtotal += quantity * Self.priceCents(product)
                lines.append(#"{"line_ref":"\#(line + 1)","sku":"\#(Self.sku(product))","quantity":\#(quantity),"unit_price":"\#(Self.money(Self.priceCents(product)))"}"#)
            }
            let shipping = 495
            let tax = (subtotal * 8 + 50) / 100
            let total = subtotal + shipping + tax
            let ref = Self.orderRef(index)
            // Five seconds apart: distinct, increasing business times, like a busy shop's day.
            let placedAt = Self.time(5 * Int64(index))
            try emit(Self.line(id: "o-\(index)", type: "order.placed", at: placedAt,
                               data: #"{"order_ref":"\#(ref)","customer_ref":"\#(Self.customerRef(index % customers))","currency":"USD","lines":[\#(lines.joined(separator: ","))],"shipping":"\#(Self.money(shipping))","tax":"\#(Self.money(tax))"}"#))
            try emit(Self.line(id: "pay-\(index)", type: "payment.captured", at: Self.time(5 * Int64(index) + 2),
                               data: #"{"order_ref":"\#(ref)","payment_ref":"P-\#(ref)","amount":"\#(Self.money(total))","method":"card"}"#))
        }
        if !chunk.isEmpty { try file.write(contentsOf: Data(chunk.utf8)) }
    }

    static func sku(_ index: Int) -> String { "BENCH-SKU-\(index)" }
    static func customerRef(_ index: Int) -> String { "BENCH-C-\(index)" }
    static func orderRef(_ index: Int) -> String { "BENCH-O-\(index)" }
    /// 4.99, 7.49, 9.99, …: varied prices so totals differ between orders.
    static func priceCents(_ index: Int) -> Int { 499 + 250 * index }

    /// Exact decimal text of a USD amount in cents (never through Double: the feed refuses binary-float noise).
    static func money(_ cents: Int) -> String {
        let fraction = cents % 100
        return "\(cents / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// RFC 3339 UTC, `offset` seconds after 2026-11-02T00:00:00Z.
    static func time(_ offset: Int64) -> String {
        Timestamp(epochSeconds: 1_793_577_600 + offset, nanoseconds: 0).description
    }

    static func line(id: String, type: String, at time: String, data: String) -> String {
        #"{"id":"\#(id)","type":"\#(type)","occurred_at":"\#(time)","source":"\#(source)","data":\#(data)}"#
    }
}

/// The business behind the sample feed: a discrete-event simulation of a small shop.
///
/// Orders, subscriptions and master-data updates are scheduled in business time (see `Schedule`); each
/// due entry writes one or more events into `lines`. Only what is still in progress is kept (open
/// orders and subscriptions, a fixed catalogue), so memory stays flat however many events are asked for.
struct FeedSimulator: Sendable {
    /// Lines ready to be emitted, in feed order, then the recently emitted ones that duplicates re-deliver.
    /// 256 lines (about 64 KiB) stay in cache; a 1024-line window measured about 10% slower.
    var lines = LineRing(capacity: 256)

    var rng: Xoshiro256StarStar
    let seed: UInt64
    var writer = JSONLineWriter()
    var schedule: Schedule
    var catalog: ProductCatalog
    var orders: [OpenOrder] = []
    var freeOrderSlots: [Int] = []
    var subscriptions: [OpenSubscription] = []
    var freeSubscriptionSlots: [Int] = []

    /// The last whole-second business time handed out; every event is at least a second later,
    /// which keeps `occurred_at` strictly increasing in generation order, hence distinct per stream.
    private var clock: Int64
    /// The envelope `source` value, already quoted and escaped.
    private let sourceJSON: [UInt8]

    var nextEventNumber = 1
    var nextCustomer = 10_001
    var nextOrder = 100_001
    var nextPayment = 100_001
    var nextShipment = 100_001
    var nextRefund = 100_001
    var nextSubscription = 100_001
    var customerRevisions = 0
    var inactiveProducts = 0

    private let lateRate: Double
    private let lateThreshold: UInt64
    let incompleteThreshold: UInt64
    /// Lines written to `lines` (originals only) and lines held back as late, for the late-rate controller.
    private var linesWritten = 0
    private var linesHeld = 0

    /// A simulator for `configuration`, traps if `start` is not RFC 3339 (see `SampleFeedConfiguration.problem`).
    init(configuration: SampleFeedConfiguration) {
        guard let start = configuration.startEpochMilliseconds else {
            preconditionFailure("SampleFeedConfiguration.start is not an RFC 3339 timestamp: \(configuration.start)")
        }
        seed = configuration.seed
        rng = Xoshiro256StarStar(seed: configuration.seed)
        catalog = ProductCatalog(rng: &rng)
        var source = JSONLineWriter()
        source.reset()
        source.string(Array(configuration.source.utf8))
        sourceJSON = source.bytes
        lateRate = configuration.lateRate
        lateThreshold = Xoshiro256StarStar.threshold(for: 2 * configuration.lateRate)
        incompleteThreshold = Xoshiro256StarStar.threshold(for: configuration.incompleteRate)
        clock = Self.roundUpToSecond(start) - 1000
        schedule = Schedule(start: start)
        schedule.push(.newOrder, at: start)
        schedule.push(.customerTouch, at: start + 5 * 60_000)
        schedule.push(.productTouch, at: start + 60 * 60_000)
    }

    /// Runs the next due entry; it appends zero or more lines to `lines`.
    mutating func step() {
        let entry = schedule.popMin()
        switch entry.kind {
        case .order:
            stepOrder(slot: entry.slot, scheduled: entry.time)
        case .subscription:
            stepSubscription(slot: entry.slot, scheduled: entry.time)
        case .newOrder:
            let slot = openOrder(scheduled: entry.time, renewing: nil)
            stepOrder(slot: slot, scheduled: entry.time)
            schedule.push(.newOrder, at: entry.time + seconds(5...115))
        case .customerTouch:
            touchCustomer(scheduled: entry.time)
            schedule.push(.customerTouch, at: entry.time + minutes(5...40))
        case .productTouch:
            touchProduct(scheduled: entry.time)
            schedule.push(.productTouch, at: entry.time + hours(1...6))
        }
    }

    // MARK: Business time

    private static func roundUpToSecond(_ milliseconds: Int64) -> Int64 {
        let remainder = milliseconds % 1000
        if remainder == 0 { return milliseconds }
        return remainder > 0 ? milliseconds - remainder + 1000 : milliseconds - remainder
    }

    /// The time of the next event: the scheduled time, but at least a second after the previous
    /// event; a few events get milliseconds too, which is safe because the next one is a second on.
    private mutating func tick(_ scheduled: Int64) -> Int64 {
        clock = max(Self.roundUpToSecond(scheduled), clock + 1000)
        return rng.percent(3) ? clock + Int64(rng.inRange(1...999)) : clock
    }

    /// A random delay of `range` seconds, in milliseconds.
    mutating func seconds(_ range: ClosedRange<Int>) -> Int64 {
        Int64(rng.inRange(range)) * 1000
    }

    /// A random delay of `range` minutes, to the second, in milliseconds.
    mutating func minutes(_ range: ClosedRange<Int>) -> Int64 {
        Int64(rng.inRange(range)) * 60_000 + seconds(0...59)
    }

    /// A random delay of `range` hours, to the second, in milliseconds.
    mutating func hours(_ range: ClosedRange<Int>) -> Int64 {
        Int64(rng.inRange(range)) * 3_600_000 + seconds(0...3599)
    }

    /// A random delay of `range` days, to the second, in milliseconds.
    mutating func days(_ range: ClosedRange<Int>) -> Int64 {
        Int64(rng.inRange(range)) * UTCTimestamp.millisecondsPerDay + seconds(0...86_399)
    }

    // MARK: Writing events

    /// Starts an event of `type` due at `scheduled`: writes the envelope up to the opening of `data`
    /// and returns the event's business time.
    mutating func beginEvent(_ type: StaticString, scheduled: Int64) -> Int64 {
        let time = tick(scheduled)
        writer.reset()
        // The envelope's fixed text goes in as a few long constants rather than key by key.
        writer.raw("{\"id\":\"ev-")
        writer.appendDecimal(UInt64(nextEventNumber), minimumWidth: 10)
        nextEventNumber += 1
        writer.raw("\",\"type\":\"")
        writer.raw(type)
        writer.raw("\",\"occurred_at\":")
        // A few producers send local time with an offset; the instant is the same.
        writer.timestamp(time, offsetMinutes: rng.percent(2) ? Self.offsets[rng.below(Self.offsets.count)] : 0)
        writer.raw(",\"source\":")
        writer.append(sourceJSON)
        writer.raw(",\"data\":")
        writer.beginObject()
        return time
    }

    private static let offsets = [120, -300, 330, 540, 60, -480]

    /// Closes `data` and the envelope, sprinkling the unknown fields and explicit `v` that the
    /// contract says must be accepted and kept verbatim.
    private mutating func finishEvent() {
        if rng.percent(2) {
            writer.key("x_channel")
            writer.plainString(SampleVocabulary.channels[rng.below(SampleVocabulary.channels.count)])
        }
        writer.endObject()
        let roll = rng.below(1000)
        if roll < 10 {
            writer.key("v")
            writer.integer(1)
        } else if roll < 14 {
            writer.key("x_meta")
            writer.beginObject()
            writer.key("batch")
            writer.integer(rng.inRange(1...500))
            writer.key("retry")
            writer.bool(rng.percent(50))
            writer.endObject()
        }
        writer.endObject()
    }

    /// Finishes the current event and queues it.
    mutating func emit() {
        finishEvent()
        writer.withBytes { lines.append($0) }
        linesWritten += 1
    }

    /// Finishes an order-stream event and queues it, holds it back as a late arrival, or drops it
    /// (the `order.placed` of an incomplete order). A held event is queued right after the order's
    /// next event, so it lands behind an event of its stream that occurred after it. The last event
    /// of an order is never held, since nothing would follow it.
    mutating func emitOrderEvent(_ order: inout OpenOrder, isPlacement: Bool, continues: Bool) {
        if isPlacement && order.incomplete {
            finishEvent()
            return
        }
        if continues, order.heldLine == nil, Double(linesHeld) < lateRate * Double(linesWritten + linesHeld),
           rng.chance(lateThreshold) {
            finishEvent()
            order.heldLine = writer.bytes
            linesHeld += 1
            return
        }
        emit()
        if let held = order.heldLine {
            lines.append(held)
            order.heldLine = nil
        }
    }

    /// Writes an amount in `currency`: usually decimal text, sometimes a JSON number, as the contract allows.
    mutating func money(_ minorUnits: Int64, _ currency: FeedCurrency) {
        writer.money(minorUnits, decimals: currency.decimals, asNumber: rng.percent(4))
    }
}

/// Knobs for a generated feed; defaults give a realistic mix.
public struct SampleFeedConfiguration: Sendable, Equatable {
    /// The exact number of lines to emit, duplicates included.
    public var events: Int
    /// The seed: the same configuration always gives byte-identical output.
    public var seed: UInt64
    /// The envelope `source` of every event.
    public var source: String
    /// The share of events emitted after later-occurring events of their stream (late arrivals).
    public var lateRate: Double
    /// The share of lines that re-deliver an earlier event (same id, same JSON value).
    public var duplicateRate: Double
    /// The share of orders whose `order.placed` never arrives, though later events for them do.
    public var incompleteRate: Double
    /// The RFC 3339 start of business time, for example `2026-01-05T08:00:00Z`.
    public var start: String

    /// A configuration for `events` lines; every other knob has a realistic default.
    public init(
        events: Int,
        seed: UInt64 = 1,
        source: String = "sample",
        lateRate: Double = 0.02,
        duplicateRate: Double = 0.01,
        incompleteRate: Double = 0.01,
        start: String = "2026-01-05T08:00:00Z"
    ) {
        self.events = events
        self.seed = seed
        self.source = source
        self.lateRate = lateRate
        self.duplicateRate = duplicateRate
        self.incompleteRate = incompleteRate
        self.start = start
    }

    /// `start` as epoch milliseconds, or nil when it is not an RFC 3339 timestamp; callers that take
    /// `start` from a user check this before building a generator, which traps on an invalid start.
    package var startEpochMilliseconds: Int64? {
        UTCTimestamp.parse(start)
    }

    /// Why this configuration cannot generate a feed, or nil when it can; for CLI argument checks.
    package var problem: String? {
        if events < 0 { return "events must be 0 or more, got \(events)" }
        if startEpochMilliseconds == nil { return "start must be an RFC 3339 timestamp such as 2026-01-05T08:00:00Z, got \(start)" }
        let sourceLength = source.unicodeScalars.count
        if sourceLength < 1 || sourceLength > 64 { return "source must be 1-64 characters, got \(sourceLength)" }
        if source.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) || source.allSatisfy(\.isWhitespace) {
            return "source may not be blank or contain control characters"
        }
        for (name, rate) in [("lateRate", lateRate), ("duplicateRate", duplicateRate), ("incompleteRate", incompleteRate)]
        where !(rate >= 0 && rate <= 1) {
            return "\(name) must be between 0 and 1, got \(rate)"
        }
        return nil
    }
}

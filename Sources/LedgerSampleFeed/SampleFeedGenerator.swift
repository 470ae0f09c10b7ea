/// Streams a deterministic feed, one NDJSON line at a time.
///
/// Every line is a valid event under the feed contract (`shared/spec/feed.md`). The same
/// configuration always gives the same bytes. Memory stays flat however many lines are asked for:
/// only open orders and subscriptions, a fixed catalogue and a window of recent lines are kept.
public struct SampleFeedGenerator: Sendable {
    private var simulator: FeedSimulator
    /// A separate stream for duplicate decisions, so the simulation itself does not depend on `duplicateRate`.
    private var rng: Xoshiro256StarStar
    private let duplicateThreshold: UInt64
    private var remaining: Int

    /// A generator for `configuration`; traps if `configuration.start` is not an RFC 3339 timestamp.
    public init(configuration: SampleFeedConfiguration) {
        simulator = FeedSimulator(configuration: configuration)
        rng = Xoshiro256StarStar(seed: configuration.seed ^ 0xD1B5_4A32_D192_ED03)
        duplicateThreshold = Xoshiro256StarStar.threshold(for: configuration.duplicateRate)
        remaining = max(0, configuration.events)
    }

    /// The next line's bytes WITHOUT the trailing "\n", or nil after `events` lines.
    public mutating func nextLine() -> [UInt8]? {
        var line: [UInt8] = []
        line.reserveCapacity(512)
        return appendNextLine(to: &line) ? line : nil
    }

    /// Writes all remaining lines, each followed by "\n", in chunks to `sink` (chunks of ~64 KiB).
    public mutating func write(to sink: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        let chunkSize = 64 * 1024
        var chunk: [UInt8] = []
        chunk.reserveCapacity(chunkSize + 8 * 1024)
        while appendNextLine(to: &chunk) {
            chunk.append(UInt8(ascii: "\n"))
            if chunk.count >= chunkSize {
                try chunk.withUnsafeBytes { try sink($0) }
                chunk.removeAll(keepingCapacity: true)
            }
        }
        if !chunk.isEmpty {
            try chunk.withUnsafeBytes { try sink($0) }
        }
    }

    /// Appends the next line (no newline) to `out`; false once `events` lines have been produced.
    private mutating func appendNextLine(to out: inout [UInt8]) -> Bool {
        guard remaining > 0 else { return false }
        remaining -= 1
        if simulator.lines.emittedCount > 0 && rng.chance(duplicateThreshold) {
            appendDuplicate(to: &out)
            return true
        }
        while simulator.lines.waitingCount == 0 {
            simulator.step()
        }
        _ = simulator.lines.emit(appendingTo: &out)
        return true
    }

    /// Re-delivers a recent event: half byte for byte, half re-serialised (keys reordered and/or
    /// spaced) as a retrying producer would; either way the same JSON value under the same id.
    private mutating func appendDuplicate(to out: inout [UInt8]) {
        let original = simulator.lines.emitted(rng.below(simulator.lines.emittedCount))
        switch rng.below(6) {
        case 0, 1, 2:
            out.append(contentsOf: original)
        case 3:
            JSONRestyler(reorder: .swapFirstTwo, spaced: false).restyle(original, into: &out)
        case 4:
            JSONRestyler(reorder: .none, spaced: true).restyle(original, into: &out)
        default:
            JSONRestyler(reorder: .reverseAll, spaced: true).restyle(original, into: &out)
        }
    }
}

import LedgerCore

/// A seeded xoshiro256** generator: the same seed gives the same numbers on every platform and Swift version.
///
/// The standard library's `random(in:using:)` helpers are not used on purpose: their algorithms are
/// not part of any stability promise, and the feed must stay byte-identical for a given seed.
struct Xoshiro256StarStar: Sendable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// Expands `seed` with SplitMix64, as the xoshiro authors recommend, so that nearby seeds give unrelated streams.
    init(seed: UInt64) {
        var x = seed
        s0 = Self.splitMix64(&x)
        s1 = Self.splitMix64(&x)
        s2 = Self.splitMix64(&x)
        s3 = Self.splitMix64(&x)
    }

    /// One SplitMix64 step; also used on its own as a stateless hash of (seed, number).
    static func splitMix64(_ state: inout UInt64) -> UInt64 {
        SplitMix64.step(&state)
    }

    /// A well-mixed hash of two values, for data derived from a number without storing it (customers).
    static func hash(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var state = a ^ (b &* 0xD6E8_FEB8_6659_FD93)
        _ = splitMix64(&state)
        return splitMix64(&state)
    }

    /// The next 64 random bits.
    @inline(__always)
    mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// A number in `0..<bound` by multiply-high; the bias (under 2^-40 for our bounds) does not matter here.
    @inline(__always)
    mutating func below(_ bound: Int) -> Int {
        Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A number in `range`, inclusive.
    @inline(__always)
    mutating func inRange(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// True with probability `threshold / 2^64`; see `threshold(for:)`.
    @inline(__always)
    mutating func chance(_ threshold: UInt64) -> Bool {
        next() < threshold
    }

    /// True with probability `percent / 100`.
    @inline(__always)
    mutating func percent(_ percent: Int) -> Bool {
        below(100) < percent
    }

    /// The `chance` threshold for a probability: computed once, so the hot path compares integers only.
    static func threshold(for probability: Double) -> UInt64 {
        if !(probability > 0) { return 0 }
        if probability >= 1 { return .max }
        // 2^64 is not representable as UInt64; scale by 2^53 then shift, which is exact in IEEE doubles.
        return UInt64(probability * 9_007_199_254_740_992) << 11
    }
}

import LedgerCore

/// "Full jitter" exponential backoff: the sleep before retry `attempt` (0 for the first retry) is uniformly random
/// in `0...min(cap, base * 2^attempt)`. Randomising the whole interval spreads retries of many callers apart best
/// (AWS architecture blog, "Exponential Backoff And Jitter").
package struct Backoff: Sendable, Equatable {
    package let base: Duration
    package let cap: Duration

    package init(base: Duration, cap: Duration) {
        self.base = max(.zero, base)
        self.cap = max(.zero, cap)
    }

    /// `min(cap, base * 2^attempt)`, without overflow for any attempt.
    package func ceiling(forRetry attempt: Int) -> Duration {
        let baseNanoseconds = Self.nanoseconds(base)
        let capNanoseconds = Self.nanoseconds(cap)
        let exponent = max(0, attempt)
        guard exponent < 63 else { return .nanoseconds(capNanoseconds) }
        let (scaled, overflow) = baseNanoseconds.multipliedReportingOverflow(by: Int64(1) << exponent)
        return .nanoseconds(overflow ? capNanoseconds : min(capNanoseconds, scaled))
    }

    /// A random delay in `0...ceiling(forRetry: attempt)`, drawn from `generator`, at nanosecond resolution.
    ///
    /// The draw is written out here rather than left to `Int64.random(in:using:)`, whose mapping of generator output
    /// to a range the standard library may change between releases (the reason the sample feed has its own
    /// xoshiro256**): one `next()` scaled by a 64×64-bit multiply (Lemire), so a seed gives the same delays on every
    /// Swift version. The bias is below span / 2^64, under 2e-9 for a one-hour cap.
    package func delay(forRetry attempt: Int, using generator: inout SplitMix64) -> Duration {
        let ceiling = Self.nanoseconds(ceiling(forRetry: attempt))
        guard ceiling > 0 else { return .zero }
        let span = UInt64(ceiling) + 1  // ceiling ≤ Int64.max, so this fits
        return .nanoseconds(Int64(generator.next().multipliedFullWidth(by: span).high))
    }

    /// Whole nanoseconds of a non-negative duration, saturating at `Int64.max` (292 years).
    private static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0 else { return 0 }
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow else { return .max }
        let (sum, overflow2) = whole.addingReportingOverflow(attoseconds / 1_000_000_000)
        return overflow2 ? .max : sum
    }
}

import KeapClient
import LedgerCore
import Testing

@Suite("Backoff (full jitter)")
struct BackoffTests {
    @Test("ceiling = min(cap, base * 2^attempt), no overflow")
    func ceilings() {
        let backoff = Backoff(base: .seconds(1), cap: .seconds(60))
        #expect(backoff.ceiling(forRetry: 0) == .seconds(1))
        #expect(backoff.ceiling(forRetry: 1) == .seconds(2))
        #expect(backoff.ceiling(forRetry: 5) == .seconds(32))
        #expect(backoff.ceiling(forRetry: 6) == .seconds(60))
        #expect(backoff.ceiling(forRetry: 62) == .seconds(60))
        #expect(backoff.ceiling(forRetry: 10_000) == .seconds(60))
    }

    @Test("every delay lies in 0...ceiling, and the delays spread over the range")
    func bounds() {
        let backoff = Backoff(base: .milliseconds(100), cap: .seconds(5))
        var generator = SplitMix64(seed: 7)
        for attempt in 0..<10 {
            let ceiling = backoff.ceiling(forRetry: attempt)
            var delays: [Duration] = []
            for _ in 0..<500 {
                delays.append(backoff.delay(forRetry: attempt, using: &generator))
            }
            #expect(delays.allSatisfy { $0 >= .zero && $0 <= ceiling })
            // Full jitter: some delays in the lower and some in the upper quarter.
            #expect(delays.contains { $0 < ceiling / 4 })
            #expect(delays.contains { $0 > ceiling * 3 / 4 })
        }
    }

    @Test("the same seed gives the same delays")
    func reproducible() {
        let backoff = Backoff(base: .seconds(1), cap: .seconds(60))
        var first = SplitMix64(seed: 99)
        var second = SplitMix64(seed: 99)
        let a = (0..<8).map { backoff.delay(forRetry: $0, using: &first) }
        let b = (0..<8).map { backoff.delay(forRetry: $0, using: &second) }
        #expect(a == b)
    }

    /// Pinned values, computed outside Swift (SplitMix64, then the high word of next() × (ceiling + 1)): the jitter a
    /// seed gives must not move with the standard library's range mapping.
    @Test("a seed gives these delays on every Swift version")
    func pinned() {
        let backoff = Backoff(base: .seconds(1), cap: .seconds(60))
        var generator = SplitMix64(seed: 99)
        let delays = (0..<4).map { backoff.delay(forRetry: $0, using: &generator) }
        #expect(delays == [.nanoseconds(261_530_471), .nanoseconds(63_315_522), .nanoseconds(3_339_038_899), .nanoseconds(818_555_170)])
    }

    @Test("a zero base never waits")
    func zeroBase() {
        let backoff = Backoff(base: .zero, cap: .seconds(60))
        var generator = SplitMix64(seed: 1)
        #expect(backoff.delay(forRetry: 3, using: &generator) == .zero)
    }
}

import KeapClient
import Testing

@Suite("RateLimiter (virtual time)")
struct RateLimiterTests {
    /// Grant instants of `count` sequential permits.
    private func grantTimes(_ limiter: RateLimiter, clock: VirtualClock, count: Int) async throws -> [Duration] {
        var times: [Duration] = []
        for _ in 0..<count {
            try await limiter.acquire()
            times.append(clock.now())
        }
        return times
    }

    @Test("25 permits at 10/s and 240/min take at least 2 s: 10 at 0 s, 10 at 1 s, 5 at 2 s")
    func perSecondWindow() async throws {
        let clock = VirtualClock()
        let limiter = RateLimiter(maxPerSecond: 10, maxPerMinute: 240, clock: clock)
        let times = try await grantTimes(limiter, clock: clock, count: 25)
        #expect(times.last! >= .seconds(2))
        #expect(times.last! < .milliseconds(2100))
        #expect(times.filter { $0 < .seconds(1) }.count == 10)
    }

    @Test("0 disables both windows: 1000 permits take no time")
    func unlimited() async throws {
        let clock = VirtualClock()
        let limiter = RateLimiter(maxPerSecond: 0, maxPerMinute: 0, clock: clock)
        let times = try await grantTimes(limiter, clock: clock, count: 1000)
        #expect(times.last == .zero)
        #expect(clock.sleepsRequested.isEmpty)
    }

    @Test("the minute window alone: the 6th permit at 5/min waits a full minute")
    func perMinuteWindow() async throws {
        let clock = VirtualClock()
        let limiter = RateLimiter(maxPerSecond: 0, maxPerMinute: 5, clock: clock)
        let times = try await grantTimes(limiter, clock: clock, count: 6)
        #expect(times[4] == .zero)
        #expect(times[5] == .seconds(60))
    }

    @Test("no sliding second holds more than 10 and no sliding minute more than 240 permits")
    func slidingWindowsNeverExceeded() async throws {
        let clock = VirtualClock()
        let limiter = RateLimiter(maxPerSecond: 10, maxPerMinute: 240, clock: clock)
        let times = try await grantTimes(limiter, clock: clock, count: 600)
        for (index, start) in times.enumerated() {
            let inSecond = times[index...].prefix { $0 < start + .seconds(1) }.count
            let inMinute = times[index...].prefix { $0 < start + .seconds(60) }.count
            #expect(inSecond <= 10)
            #expect(inMinute <= 240)
        }
        // 600 permits at 240/min need at least two full minutes.
        #expect(times.last! >= .seconds(120))
    }

    @Test("after a 429 the next permit waits the throttle pause")
    func pauseAfterThrottle() async throws {
        let clock = VirtualClock()
        let limiter = RateLimiter(maxPerSecond: 0, maxPerMinute: 0, throttlePause: .seconds(1), clock: clock)
        try await limiter.acquire()
        await limiter.noteThrottled()
        try await limiter.acquire()
        #expect(clock.now() >= .seconds(1))
    }

    @Test("a cancelled task gets no permit")
    func cancelled() async {
        let clock = VirtualClock()
        let limiter = RateLimiter(maxPerSecond: 1, maxPerMinute: 0, clock: clock)
        let task = Task { () async -> Bool in
            withUnsafeCurrentTask { $0?.cancel() }
            do { try await limiter.acquire(); return true } catch { return false }
        }
        #expect(await task.value == false)
        #expect(await limiter.recentGrants.isEmpty)
    }
}

/// The one gate every Keap request passes (retries and lookups included), so the process stays within the
/// per-key budget (Service Account Key: 10 requests per second, 240 per minute).
///
/// Algorithm: a **sliding-window log**. The limiter remembers when it granted each permit during the last minute;
/// a new permit is granted when fewer than `maxPerSecond` were granted in the last second and fewer than
/// `maxPerMinute` in the last minute. Unlike a token bucket it never allows a burst above the limit in *any* window
/// of that length, whichever way the server aligns its own windows; the log holds at most `maxPerMinute` instants.
/// A limit of 0 disables that window.
///
/// After a 429 the server has told us its window is spent (it gives no `Retry-After`), so `noteThrottled()` pauses
/// every permit for `throttlePause` (1 s by default: Keap's spike arrest counts per second); the caller's backoff
/// comes on top of that.
///
/// Waiters are not served in arrival order: after each sleep a waiter re-checks, so under contention the order is
/// whoever wakes first. Every grant still respects both windows.
package actor RateLimiter {
    private let maxPerSecond: Int
    private let maxPerMinute: Int
    private let throttlePause: Duration
    /// How much longer than its window a grant keeps counting. The server counts *arrivals*, and a request sent the
    /// instant a window frees up can arrive inside the server's still-full window (measured against the sandbox with
    /// no margin: 40 of 348 requests answered 429, each costing a pause and a retry).
    private let windowMargin: Duration
    private let clock: any KeapClock
    /// Grant instants, oldest first, pruned to the longest enabled window.
    private var granted: [Duration] = []
    /// No permit before this instant (set by a 429).
    private var pausedUntil: Duration = .zero

    private static let second = Duration.seconds(1)
    private static let minute = Duration.seconds(60)

    package init(maxPerSecond: Int, maxPerMinute: Int, throttlePause: Duration = .seconds(1), windowMargin: Duration = .zero, clock: any KeapClock) {
        self.maxPerSecond = max(0, maxPerSecond)
        self.maxPerMinute = max(0, maxPerMinute)
        self.throttlePause = max(.zero, throttlePause)
        self.windowMargin = max(.zero, windowMargin)
        self.clock = clock
    }

    /// Waits until a request may be sent and records it as sent. Throws only when the task is cancelled (then no
    /// permit is recorded).
    package func acquire() async throws(CancellationError) {
        while true {
            if Task.isCancelled { throw CancellationError() }
            let now = clock.now()
            let wait = waitBeforeNextPermit(at: now)
            if wait <= .zero {
                if maxPerSecond > 0 || maxPerMinute > 0 { granted.append(now) }
                return
            }
            await clock.sleep(for: wait)
        }
    }

    /// The server answered 429: hold every permit back for `throttlePause` from now.
    package func noteThrottled() {
        pausedUntil = max(pausedUntil, clock.now() + throttlePause)
    }

    /// Permits granted within the last minute (for tests and diagnostics).
    package var recentGrants: [Duration] { granted }

    private func waitBeforeNextPermit(at now: Duration) -> Duration {
        prune(at: now)
        var wait = pausedUntil - now
        if maxPerSecond > 0 {
            wait = max(wait, windowWait(limit: maxPerSecond, window: Self.second + windowMargin, at: now))
        }
        if maxPerMinute > 0 {
            wait = max(wait, windowWait(limit: maxPerMinute, window: Self.minute + windowMargin, at: now))
        }
        return wait
    }

    /// How long until fewer than `limit` grants lie within `(now - window, now]`. A grant made at `t` stops counting
    /// at exactly `t + window`.
    private func windowWait(limit: Int, window: Duration, at now: Duration) -> Duration {
        let windowStart = now - window
        guard let firstInWindow = granted.firstIndex(where: { $0 > windowStart }) else { return .zero }
        let inWindow = granted.count - firstInWindow
        guard inWindow >= limit else { return .zero }
        // The grant whose expiry brings the count below the limit.
        let expiring = granted[firstInWindow + (inWindow - limit)]
        return expiring + window - now
    }

    private func prune(at now: Duration) {
        let keep = (maxPerMinute > 0 ? Self.minute : Self.second) + windowMargin
        let cutoff = now - keep
        if let firstKept = granted.firstIndex(where: { $0 > cutoff }) {
            if firstKept > 0 { granted.removeFirst(firstKept) }
        } else {
            granted.removeAll(keepingCapacity: true)
        }
    }
}

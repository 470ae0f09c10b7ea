/// Time as the rate limiter and the backoff see it. Injected so that tests run on virtual time and never sleep.
package protocol KeapClock: Sendable {
    /// Monotonic time since an arbitrary origin fixed for this clock.
    func now() -> Duration
    /// Waits `duration` (returns early when the task is cancelled; callers check cancellation themselves).
    func sleep(for duration: Duration) async
}

/// The real clock: `ContinuousClock`, which keeps counting while the machine sleeps, so windows stay true to the
/// server's wall time.
package struct MonotonicKeapClock: KeapClock {
    private let clock = ContinuousClock()
    private let origin: ContinuousClock.Instant

    package init() {
        origin = clock.now
    }

    package func now() -> Duration {
        origin.duration(to: clock.now)
    }

    package func sleep(for duration: Duration) async {
        guard duration > .zero else { return }
        // A cancelled sleep returns at once; the limiter and the retry loop check cancellation after waking.
        try? await clock.sleep(for: duration)
    }
}

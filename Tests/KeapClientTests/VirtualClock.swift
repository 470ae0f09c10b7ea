import KeapClient
import Synchronization

/// Virtual time for tests: `sleep` advances the clock instead of waiting, so a minute of rate limiting runs at once.
final class VirtualClock: KeapClock {
    private let current = Mutex<Duration>(.zero)
    private let sleeps = Mutex<[Duration]>([])

    func now() -> Duration { current.withLock { $0 } }

    func sleep(for duration: Duration) async {
        sleeps.withLock { $0.append(duration) }
        if duration > .zero { current.withLock { $0 += duration } }
    }

    /// Every sleep requested so far (backoff and limiter waits).
    var sleepsRequested: [Duration] { sleeps.withLock { $0 } }
}

import Synchronization

/// A counter that closures on several threads may share (a `Mutex` itself cannot be captured: it is not copyable).
final class Tally: Sendable {
    private let value = Mutex(0)
    private let peak = Mutex(0)

    /// Adds `delta` and returns the new value, remembering the highest value seen.
    @discardableResult
    func add(_ delta: Int) -> Int {
        let now = value.withLock { $0 += delta; return $0 }
        peak.withLock { $0 = max($0, now) }
        return now
    }

    var current: Int { value.withLock { $0 } }
    var highest: Int { peak.withLock { $0 } }
}

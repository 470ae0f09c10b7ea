import Synchronization

/// Lets one task at a time work under a key while tasks under other keys run on. The flush runs several streams at
/// once; two subscriptions on the same terms need the same Keap plan, and without taking turns both would look it up,
/// find nothing and create it twice (Keap has no idempotency key to stop that).
final class KeyedGate: Sendable {
    /// A key present = held; its array = the tasks waiting for it, first come first served.
    private let held = Mutex<[String: [CheckedContinuation<Void, Never>]]>([:])

    /// Runs `body` while holding `key`.
    func withKey<T, E: Error>(_ key: String, _ body: () async throws(E) -> T) async throws(E) -> T {
        await enter(key)
        defer { leave(key) }
        return try await body()
    }

    private func enter(_ key: String) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let mustWait = held.withLock { held -> Bool in
                guard held[key] != nil else {
                    held[key] = []
                    return false
                }
                held[key]?.append(continuation)
                return true
            }
            if !mustWait { continuation.resume() }
        }
    }

    /// Hands the key straight to the first waiter (so no newcomer can slip in between), or frees it.
    private func leave(_ key: String) {
        let next = held.withLock { held -> CheckedContinuation<Void, Never>? in
            guard var waiters = held[key], !waiters.isEmpty else {
                held[key] = nil
                return nil
            }
            let first = waiters.removeFirst()
            held[key] = waiters
            return first
        }
        next?.resume()
    }
}

import Foundation

/// A `Data` written once by one thread and waited for by another.
///
/// `@unchecked Sendable`: all access goes through `condition`.
final class LockedData: @unchecked Sendable {
    private let condition = NSCondition()
    private var data: Data?

    func set(_ value: Data) {
        condition.lock()
        data = value
        condition.broadcast()
        condition.unlock()
    }

    /// Blocks until `set` has run, then returns the data: a wait on a condition, not a polling loop.
    func wait() -> Data {
        condition.lock()
        defer { condition.unlock() }
        while data == nil { condition.wait() }
        return data ?? Data()
    }
}

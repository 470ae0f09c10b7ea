import Foundation

/// A one-shot gate: `wait()` blocks until `open()` was called once (then returns at once, for every caller).
///
/// `@unchecked Sendable`: `isOpen` is read and written only while holding `condition`.
package final class ThreadLatch: @unchecked Sendable {
    private let condition = NSCondition()
    private var isOpen = false

    package init() {}

    package func open() {
        condition.lock()
        isOpen = true
        condition.broadcast()
        condition.unlock()
    }

    package func wait() {
        condition.lock()
        while !isOpen { condition.wait() }
        condition.unlock()
    }
}

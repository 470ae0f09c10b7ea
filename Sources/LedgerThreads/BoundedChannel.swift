import Foundation
import LedgerCore

/// A blocking, bounded FIFO between two dedicated threads; its bound is what keeps a pipeline's memory flat whatever
/// its input's size (ingest's parsing, the projection's folding).
///
/// `@unchecked Sendable`: every stored property is read and written only while holding `condition`.
package final class BoundedChannel<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private let capacity: Int
    /// A ring: a received slot is set to nil at once, so nothing stays alive after it was handed over.
    private var ring: [Element?]
    private var head = 0
    private var count = 0
    private var finished = false
    private var cancelled = false

    package init(capacity: Int) {
        self.capacity = capacity
        ring = Array(repeating: nil, count: capacity)
    }

    /// Blocks while full. Returns false when the receiver cancelled: the sender should stop.
    @discardableResult
    package func send(_ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while count >= capacity, !cancelled { condition.wait() }
        if cancelled { return false }
        ring[(head + count) % capacity] = element
        count += 1
        condition.broadcast()
        return true
    }

    /// The sender has sent everything.
    package func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The receiver gives up: senders stop, buffered elements are dropped.
    package func cancel() {
        condition.lock()
        cancelled = true
        for index in ring.indices { ring[index] = nil }
        count = 0
        condition.broadcast()
        condition.unlock()
    }

    /// Blocks while empty and not finished, up to `timeout` (nil: as long as it takes). True when `receive()` would
    /// now return at once (an element, or the end); false when the time ran out first.
    package func waitUntilReady(timeout: Duration?) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        let deadline = timeout.map { Date(timeIntervalSinceNow: $0.seconds) }
        while count == 0, !finished, !cancelled {
            if let deadline {
                if !condition.wait(until: deadline) { return count > 0 || finished || cancelled }
            } else {
                condition.wait()
            }
        }
        return true
    }

    /// Blocks while empty; nil once finished and drained.
    package func receive() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while count == 0, !finished, !cancelled { condition.wait() }
        guard count > 0, let element = ring[head] else { return nil }
        ring[head] = nil
        head = (head + 1) % capacity
        count -= 1
        condition.broadcast()
        return element
    }
}

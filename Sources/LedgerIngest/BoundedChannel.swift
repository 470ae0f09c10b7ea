import Foundation

/// A blocking, bounded FIFO between the parsing thread and the writing thread; its bound is what keeps ingest's
/// memory flat whatever the feed size.
///
/// `@unchecked Sendable`: every stored property is read and written only while holding `condition`.
final class BoundedChannel<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private let capacity: Int
    private var buffer: [Element] = []
    private var head = 0
    private var finished = false
    private var cancelled = false

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Blocks while full. Returns false when the receiver cancelled: the sender should stop.
    @discardableResult
    func send(_ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while buffer.count - head >= capacity, !cancelled { condition.wait() }
        if cancelled { return false }
        buffer.append(element)
        condition.broadcast()
        return true
    }

    /// The sender has sent everything.
    func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The receiver gives up: senders stop, buffered elements are dropped.
    func cancel() {
        condition.lock()
        cancelled = true
        buffer.removeAll()
        head = 0
        condition.broadcast()
        condition.unlock()
    }

    /// Blocks while empty; nil once finished and drained.
    func receive() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while head == buffer.count, !finished, !cancelled { condition.wait() }
        guard head < buffer.count else { return nil }
        let element = buffer[head]
        head += 1
        if head > 64, head * 2 > buffer.count {
            buffer.removeFirst(head)
            head = 0
        }
        condition.broadcast()
        return element
    }
}

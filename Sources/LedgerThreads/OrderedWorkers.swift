import Foundation
import Synchronization

/// A CPU pipeline stage on dedicated threads: inputs are dealt round-robin to `count` workers that each run
/// `transform`, and the results are taken back in the same round-robin order, so they come out in the order the
/// inputs went in while the work uses several cores. Every queue is bounded (`capacity` per worker, each way), which
/// keeps memory flat whatever the input's size; a producer that gets ahead blocks.
///
/// Used by ingest (lines → validated, hashed entries) and by the projection (rows of whole streams → folded states).
/// One thread sends (`send`, `finishInput`) and one thread takes (`next`, `waitUntilReady`); they may be the same
/// thread if it keeps at most `capacity` inputs in flight per worker (the projection does).
package final class OrderedWorkers<Input: Sendable, Output: Sendable>: Sendable {
    private let inboxes: [BoundedChannel<Input>]
    private let outboxes: [BoundedChannel<Output>]
    private let threads: [DedicatedThread]
    /// The next worker to deal to (the sending thread's) and to take from (the taking thread's).
    private let dealt = Mutex(0)
    private let taken = Mutex(0)

    /// Starts `count` threads named `name` at once.
    package init(name: String, count: Int, capacity: Int, stackSize: Int? = nil, transform: @escaping @Sendable (Input) -> Output) {
        precondition(count > 0 && capacity > 0, "OrderedWorkers needs at least one worker and room for one item")
        let inboxes = (0..<count).map { _ in BoundedChannel<Input>(capacity: capacity) }
        let outboxes = (0..<count).map { _ in BoundedChannel<Output>(capacity: capacity) }
        self.inboxes = inboxes
        self.outboxes = outboxes
        threads = zip(inboxes, outboxes).map { incoming, outgoing in
            DedicatedThread(name: name, stackSize: stackSize) {
                while let input = incoming.receive() {
                    if !outgoing.send(transform(input)) { break }
                }
                outgoing.finish()
            }
        }
    }

    /// Hands `input` to the next worker in turn, blocking while its queue is full. False once `stop()` was called:
    /// the sender should stop.
    @discardableResult
    package func send(_ input: Input) -> Bool {
        let worker = dealt.withLock { next in
            defer { next = (next + 1) % inboxes.count }
            return next
        }
        return inboxes[worker].send(input)
    }

    /// Every input was sent: once the workers have drained their queues, `next()` returns nil.
    package func finishInput() {
        for inbox in inboxes { inbox.finish() }
    }

    /// The next result in input order, blocking until it is ready; nil when every input's result was taken (after
    /// `finishInput`) or after `stop()`.
    package func next() -> Output? {
        let worker = taken.withLock { $0 }
        // Inputs were dealt round-robin, so when the worker in turn has nothing more, no result is left anywhere.
        guard let output = outboxes[worker].receive() else { return nil }
        taken.withLock { $0 = (worker + 1) % outboxes.count }
        return output
    }

    /// Blocks until `next()` would return at once (a result, or the end), up to `timeout` (nil: as long as it takes).
    /// False when the time ran out first.
    package func waitUntilReady(timeout: Duration?) -> Bool {
        outboxes[taken.withLock { $0 }].waitUntilReady(timeout: timeout)
    }

    /// Stops the workers (a worker finishes the input in its hands, then drops its queue) and waits for their
    /// threads to end: nothing outlives the caller's run or transaction. Idempotent.
    package func stop() {
        for inbox in inboxes { inbox.cancel() }
        for outbox in outboxes { outbox.cancel() }
        for thread in threads { thread.join() }
    }
}

import Foundation

/// The FIFO of a `ThreadExecutor`'s jobs, shared by its threads; held by the threads rather than the executor, so
/// that releasing the executor can close it and let the threads end. A queued job holds its executor, so the
/// executor lives until every job given to it has run (as a dispatch queue's block would hold it).
///
/// `@unchecked Sendable`: `jobs` and `isClosed` are read and written only while holding `condition`.
final class JobQueue: @unchecked Sendable {
    /// The thread-dictionary key under which each executor thread keeps its queue's identity (`isCurrent`).
    static let markerKey = "keap-ledger.thread-executor"

    /// This queue's identity as a plain number (a thread dictionary bridges an `Int`, not an `ObjectIdentifier`).
    var identity: Int { Int(bitPattern: ObjectIdentifier(self)) }

    private let condition = NSCondition()
    /// Taken slots are set to nil at once, so a job's executor is not held after the job was taken.
    private var jobs: [(UnownedJob, any TaskExecutor)?] = []
    private var head = 0
    private var isClosed = false

    func add(_ job: UnownedJob, on executor: any TaskExecutor) {
        condition.lock()
        jobs.append((job, executor))
        condition.signal()
        condition.unlock()
    }

    /// The next job, blocking while there is none; nil once closed and drained.
    func take() -> (UnownedJob, any TaskExecutor)? {
        condition.lock()
        defer { condition.unlock() }
        while head == jobs.count, !isClosed { condition.wait() }
        guard head < jobs.count, let job = jobs[head] else { return nil }
        jobs[head] = nil
        head += 1
        // Reclaim the taken prefix now and then, not on every take (removeFirst is O(n)).
        if head == jobs.count {
            jobs.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 64, head * 2 >= jobs.count {
            jobs.removeFirst(head)
            head = 0
        }
        return job
    }

    func close() {
        condition.lock()
        isClosed = true
        condition.broadcast()
        condition.unlock()
    }
}

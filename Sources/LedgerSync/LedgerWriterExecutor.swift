import Dispatch

/// A task executor of its own for the flush: a serial dispatch queue, so its blocking SQLite work (stream reads,
/// intent and id commits with `synchronous = FULL`, the flush records) runs one job at a time on a thread libdispatch
/// adds for a serial queue (an overcommit thread), never on a thread of Swift's cooperative pool. That pool has one
/// thread per core (two here); a stream stuck there in an fsync or waiting for SQLite's write lock starved every other
/// task of the process — the other streams' HTTP continuations and, in the benchmark and the tests, the Keap
/// sandbox's handlers — which is what `--concurrency` needs to keep several calls in flight. Serial on purpose:
/// SQLite allows one writer at a time anyway. A stream that awaits Keap gives the queue up until its answer arrives.
package final class LedgerWriterExecutor: TaskExecutor {
    private let queue: DispatchQueue
    /// Set on `queue` only, so code can tell it runs there.
    private let marker = DispatchSpecificKey<Bool>()

    package init(label: String = "keap-ledger.ledger-writer") {
        queue = DispatchQueue(label: label)
        queue.setSpecific(key: marker, value: true)
    }

    package func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async {
            job.runSynchronously(on: self.asUnownedTaskExecutor())
        }
    }

    /// True when the caller runs on this executor's thread (the tests check where the flush's work runs).
    package var isCurrent: Bool {
        DispatchQueue.getSpecific(key: marker) == true
    }
}

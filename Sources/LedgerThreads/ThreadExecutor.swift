import Foundation

/// A Swift task executor made of dedicated threads: where async code runs work that blocks (SQLite's fsyncs and
/// write lock) or must not wait for the cooperative pool (an in-process Keap sandbox serving child processes).
///
/// Why: Swift's global concurrency pool has one thread per core (two here). A task blocked there in an fsync or on
/// SQLite's write lock, or a test blocked waiting for a child process, starves every other task of the process: the
/// flush's HTTP continuations, and the in-process sandbox's handlers that the child is calling. A task that prefers
/// this executor (`withTaskExecutorPreference`, `Task(executorPreference:)`) runs its jobs on these threads instead;
/// an `await` on the network gives the thread up until the answer arrives.
///
/// With one thread it is serial: the ledger's writer (SQLite allows one writer at a time anyway). Its threads end
/// when the executor is released (after the jobs queued by then have run).
package final class ThreadExecutor: TaskExecutor {
    private let queue: JobQueue

    /// Starts `threads` threads named `name`.
    package init(name: String, threads: Int = 1) {
        precondition(threads > 0, "a ThreadExecutor needs a thread")
        let queue = JobQueue()
        self.queue = queue
        for _ in 0..<threads {
            // Not joined: a thread ends on its own once the queue is closed and drained; nothing waits for it.
            _ = DedicatedThread(name: name) {
                Thread.current.threadDictionary[JobQueue.markerKey] = queue.identity
                while let (job, executor) = queue.take() {
                    job.runSynchronously(on: executor.asUnownedTaskExecutor())
                }
            }
        }
    }

    deinit {
        queue.close()
    }

    package func enqueue(_ job: consuming ExecutorJob) {
        queue.add(UnownedJob(job), on: self)
    }

    /// True when the caller runs on one of this executor's threads (the tests check where the flush's work runs).
    package var isCurrent: Bool {
        (Thread.current.threadDictionary[JobQueue.markerKey] as? Int) == queue.identity
    }
}

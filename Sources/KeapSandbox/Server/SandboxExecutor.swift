import Foundation

/// Threads of the sandbox's own, for everything an in-process sandbox runs (its request handlers and its state actor).
///
/// Why: Swift's global concurrency pool has one thread per core (two on CI). When the sandbox is served from a test
/// process whose other tests block pool threads (waiting for a child process, sleeping), its handlers could not run,
/// and every call from a `keap-ledger` child to it would time out. A task executor preference keeps it on these
/// threads, whatever the rest of the process does. Used by `KeapSandboxServer.start` only; the CLI's `sandbox`
/// command owns its process and runs on the global pool.
final class SandboxExecutor: TaskExecutor, @unchecked Sendable {
    // @unchecked: `jobs` is guarded by `condition`.
    static let shared = SandboxExecutor(threads: 2)

    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []

    private init(threads: Int) {
        for index in 0..<threads {
            let thread = Thread { [unowned self] in self.work() }
            thread.name = "keap-sandbox-\(index)"
            thread.start()
        }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func work() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}

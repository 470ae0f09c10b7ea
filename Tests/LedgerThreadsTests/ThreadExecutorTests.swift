import Foundation
import LedgerThreads
import Testing

@Suite("ThreadExecutor: async work on dedicated threads, off Swift's cooperative pool")
struct ThreadExecutorTests {
    @Test("work that prefers the executor runs on its thread, and other work does not")
    func runsOnItsOwnThread() async {
        let executor = ThreadExecutor(name: "test-executor")
        #expect(!executor.isCurrent)
        let inside = await withTaskExecutorPreference(executor) { executor.isCurrent }
        #expect(inside)
        let child = await withTaskExecutorPreference(executor) {
            await withTaskGroup(of: Bool.self) { group in
                group.addTask { executor.isCurrent }  // child tasks inherit the preference
                return await group.next() ?? false
            }
        }
        #expect(child)
    }

    @Test("with one thread, jobs run one at a time (the ledger writer's guarantee)")
    func oneThreadIsSerial() async {
        let executor = ThreadExecutor(name: "test-serial")
        let running = Tally()
        await withTaskExecutorPreference(executor) {
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        running.add(1)
                        usleep(1_000)  // blocking on purpose: a second thread would overlap here
                        running.add(-1)
                    }
                }
            }
        }
        #expect(running.highest == 1)
    }

    @Test("a released executor's threads end", .timeLimit(.minutes(1)))
    func threadsEndWhenReleased() async throws {
        let name = "test-ends-\(getpid() % 1000)"
        weak var released: ThreadExecutor?
        do {
            let executor = ThreadExecutor(name: name, threads: 2)
            released = executor
            await withTaskExecutorPreference(executor) { _ = executor.isCurrent }
            // Held to here: without it the optimizer may release it right after its last use above.
            defer { withExtendedLifetime(executor) {} }
            // A thread takes its name once it runs, which may be a moment after the executor was made.
            while try threadsNamed(name) < 2 { try await Task.sleep(for: .milliseconds(10)) }
        }
        // A queued job holds its executor; once the last one has run, nothing does.
        while try released != nil || threadsNamed(name) > 0 {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(try threadsNamed(name) == 0)
    }

    /// Threads of this process with `name`, from /proc (Linux truncates a thread's name to 15 bytes).
    private func threadsNamed(_ name: String) throws -> Int {
        let tasks = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")
        return tasks.filter { task in
            let comm = (try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8)) ?? ""
            return comm.trimmingCharacters(in: .newlines) == String(name.prefix(15))
        }.count
    }
}

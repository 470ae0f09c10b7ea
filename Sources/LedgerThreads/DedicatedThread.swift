import Foundation

/// One named thread of our own, started at once, that can be waited for: the unit of the dedicated-threads model
/// (see `README.md`, Concurrency). A pipeline's threads are joined before the pipeline returns, so no thread outlives
/// the transaction or the run it works for.
package final class DedicatedThread: Sendable {
    private let finished = ThreadLatch()

    /// Starts `body` on a new thread named `name` (names show in `perf`, `top -H` and crash reports).
    /// `stackSize`: for work that recurses (the JSON parser, 64 levels at most); nil keeps the system's default.
    package init(name: String, stackSize: Int? = nil, _ body: @escaping @Sendable () -> Void) {
        let finished = finished
        let thread = Thread {
            // Foundation keeps `Thread.name` to itself on Linux, and Glibc's module does not export
            // `pthread_setname_np`; the kernel's name (15 bytes), which `perf`, `top -H` and /proc show, is set here.
            try? String(name.prefix(15)).write(toFile: "/proc/thread-self/comm", atomically: false, encoding: .utf8)
            body()
            finished.open()
        }
        thread.name = name
        if let stackSize { thread.stackSize = stackSize }
        thread.start()
    }

    /// Blocks until the thread's body has returned.
    package func join() {
        finished.wait()
    }
}

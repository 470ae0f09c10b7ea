import Foundation
import LedgerThreads

/// The threads of the sandbox's own, for everything an in-process sandbox runs (its request handlers and its state
/// actor).
///
/// Why: Swift's global concurrency pool has one thread per core (two on CI). When the sandbox is served from a test
/// process whose other tests block pool threads (waiting for a child process, sleeping), its handlers could not run,
/// and every call from a `keap-ledger` child to it would time out. A task executor preference keeps it on these
/// threads, whatever the rest of the process does. Used by `KeapSandboxServer.start` only; the CLI's `sandbox`
/// command owns its process and runs on the global pool.
enum SandboxExecutor {
    /// One thread per core, at least two (a handler may wait on the state actor while another serves).
    static let shared = ThreadExecutor(name: "keap-sandbox", threads: max(ProcessInfo.processInfo.activeProcessorCount, 2))
}

import Foundation

extension LedgerProcess {
    /// `run` for async tests: waits for the child on a thread of its own, never on the Swift concurrency pool.
    ///
    /// Why: the pool has one thread per core (two on CI). A test that blocks a pool thread while the child talks to a
    /// Keap sandbox served from this test process starves the sandbox, and every HTTP call in the process times out.
    package static func runDetached(_ arguments: [String], stdin: [UInt8]? = nil, environment: [String: String] = [:]) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { try run(arguments, stdin: stdin, environment: environment) })
            }.start()
        }
    }

    /// Waits for a started child on a thread of its own (see `runDetached`).
    package static func waitDetached(_ process: Process) async {
        await withCheckedContinuation { continuation in
            Thread {
                process.waitUntilExit()
                continuation.resume()
            }.start()
        }
    }
}

/// A sandbox serving on a port in this process. `stop()` shuts it down; dropping the value does not.
package final class RunningKeapSandbox: Sendable {
    package let host: String
    package let port: Int
    private let state: SandboxState
    private let task: Task<Void, any Error>

    init(host: String, port: Int, state: SandboxState, task: Task<Void, any Error>) {
        self.host = host
        self.port = port
        self.state = state
        self.task = task
    }

    /// `http://127.0.0.1:PORT`: use as `KEAP_BASE_URL` (the client appends `/v2/...`).
    package var baseURL: String { "http://\(host):\(port)" }

    package func snapshot() async -> SandboxSnapshot {
        await state.snapshot()
    }

    package func setFaults(_ plan: SandboxFaultPlan) async {
        await state.setFaults(plan)
    }

    /// Clears all data, counters and the call log (as `POST /__sandbox/reset`).
    package func reset() async {
        await state.reset()
    }

    /// Stops accepting connections and waits for the server to finish.
    package func stop() async {
        task.cancel()
        _ = await task.result
    }
}

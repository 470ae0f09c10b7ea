import ServiceLifecycle

/// A sandbox serving on a port in this process. `stop()` shuts it down; dropping the value does not.
package final class RunningKeapSandbox: Sendable {
    package let host: String
    package let port: Int
    private let state: SandboxState
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    init(host: String, port: Int, state: SandboxState, group: ServiceGroup, task: Task<Void, any Error>) {
        self.host = host
        self.port = port
        self.state = state
        self.group = group
        self.task = task
    }

    /// `http://127.0.0.1:PORT`: use as `KEAP_BASE_URL` (the client appends `/v2/...`).
    package var baseURL: String { "http://\(host):\(port)" }

    package func snapshot() async -> SandboxSnapshot {
        await state.snapshot()
    }

    /// The request and fault counters alone: cheap enough to poll (a crash test kills a flush once the sandbox has
    /// seen a chosen number of its requests).
    package func counters() async -> SandboxCounters {
        await state.counters
    }

    package func setFaults(_ plan: SandboxFaultPlan) async {
        await state.setFaults(plan)
    }

    /// The code Keap would hand the app's redirect after the user approved it (as `POST /__sandbox/oauth/authorize`).
    package func authorizationCode(redirectURI: String) async -> String {
        await state.authorizationCode(redirectURI: redirectURI)
    }

    /// Every access token issued so far answers 401 from now on (as `POST /__sandbox/oauth/expire`).
    package func expireAccessTokens() async {
        await state.expireAccessTokens()
    }

    /// The next `count` successful token grants are applied (tokens rotated) and then answered by closing the
    /// connection: the client cannot know whether its refresh happened.
    package func dropTokenAnswers(_ count: Int) async {
        await state.dropTokenAnswers(count)
    }

    /// Clears all data, counters and the call log (as `POST /__sandbox/reset`).
    package func reset() async {
        await state.reset()
    }

    /// Stops accepting connections, lets requests in flight finish (idle keep-alive connections are closed), and
    /// waits for the server to end. A graceful shutdown rather than cancellation: cancelling makes Hummingbird log an
    /// error for every open connection. Cancels after 5 s in case a slow-fault request is still sleeping.
    package func stop() async {
        await group.triggerGracefulShutdown()
        let task = self.task
        let watchdog = Task {
            try await Task.sleep(for: .seconds(5))
            task.cancel()
        }
        _ = await task.result
        watchdog.cancel()
    }
}

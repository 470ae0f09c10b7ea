import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// Starts the sandbox: in process for tests (`start`), or blocking for `keap-ledger sandbox --port N` (`run`).
package enum KeapSandboxServer {
    /// Binds `host:port` (0 = an ephemeral port) and returns once the server is listening.
    package static func start(
        host: String = "127.0.0.1",
        port: Int = 0,
        configuration: KeapSandboxConfiguration = KeapSandboxConfiguration()
    ) async throws -> RunningKeapSandbox {
        let state = try SandboxState(configuration: configuration)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let application = makeApplication(host: host, port: port, state: state) { bound in
            continuation.yield(bound)
            continuation.finish()
        }
        // Our own ServiceGroup (no signal handlers: tests own the process) so that `stop()` can shut down gracefully.
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [application], logger: application.logger))
        // On the sandbox's own threads (see SandboxExecutor): child tasks and the state actor inherit the preference.
        let task = Task(executorPreference: SandboxExecutor.shared) {
            defer { continuation.finish() }
            try await group.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let bound = await iterator.next() else {
            // The server ended before listening (e.g. the port is taken): surface its error.
            try await task.value
            throw SandboxConfigurationError("the sandbox server stopped before it was listening on \(host):\(port)")
        }
        return RunningKeapSandbox(host: host, port: bound, state: state, group: group, task: task)
    }

    /// Serves until SIGINT/SIGTERM or cancellation, both as a graceful shutdown (requests in flight finish; plain
    /// cancellation would make Hummingbird log an error per open connection). `onListening` gets the bound port once
    /// the server listens, so the CLI can print it (with `--port 0` that is the only way to learn it).
    package static func run(
        host: String = "127.0.0.1",
        port: Int,
        configuration: KeapSandboxConfiguration = KeapSandboxConfiguration(),
        onListening: @escaping @Sendable (Int) async -> Void
    ) async throws {
        let state = try SandboxState(configuration: configuration)
        let application = makeApplication(host: host, port: port, state: state, onListening: onListening)
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [application], gracefulShutdownSignals: [.sigterm, .sigint], logger: application.logger))
        // An unstructured task, so that cancelling the caller does not cancel the server itself: the handler turns
        // the cancellation into a graceful shutdown instead.
        let serving = Task { try await group.run() }
        try await withTaskCancellationHandler {
            try await serving.value
        } onCancel: {
            Task { await group.triggerGracefulShutdown() }
        }
    }

    private static func makeApplication(
        host: String,
        port: Int,
        state: SandboxState,
        onListening: @escaping @Sendable (Int) async -> Void
    ) -> Application<SandboxResponder> {
        // Quiet by default: Hummingbird logs nothing per request at this level, and the sandbox never logs headers.
        var logger = Logger(label: "keap-sandbox")
        logger.logLevel = .warning
        return Application(
            responder: SandboxResponder(state: state),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                await onListening(channel.localAddress?.port ?? port)
            },
            logger: logger
        )
    }
}

import ArgumentParser

/// An async command (it talks to Keap) whose errors become a one-line message on stderr and a sysexits code. Kept
/// apart from `FailureReportingCommand` so the blocking commands (ingest, rebuild) never run on the concurrency pool;
/// both report through `CommandFailure.exit(reporting:)`.
protocol AsyncFailureReportingCommand: AsyncParsableCommand {
    func execute() async throws
}

extension AsyncFailureReportingCommand {
    func run() async throws {
        do {
            try await execute()
        } catch {
            throw CommandFailure.exit(reporting: error)
        }
    }
}

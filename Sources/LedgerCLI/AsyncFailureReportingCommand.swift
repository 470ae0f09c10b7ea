import ArgumentParser

/// An async command (it talks to Keap) whose errors become a one-line message on stderr and a sysexits code.
protocol AsyncFailureReportingCommand: AsyncParsableCommand {
    func execute() async throws
}

extension AsyncFailureReportingCommand {
    func run() async throws {
        do {
            try await execute()
        } catch let exit as ExitCode {
            throw exit
        } catch {
            let failure = CommandFailure.from(error)
            StandardStreams.err("keap-ledger: error: \(failure.message)\n")
            throw ExitCode(failure.exitCode)
        }
    }
}

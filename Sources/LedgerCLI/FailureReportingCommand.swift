import ArgumentParser

/// A command whose errors become a one-line message on stderr and a sysexits code.
protocol FailureReportingCommand: ParsableCommand {
    func execute() throws
}

extension FailureReportingCommand {
    func run() throws {
        do {
            try execute()
        } catch let exit as ExitCode {
            throw exit
        } catch {
            let failure = CommandFailure.from(error)
            StandardStreams.err("keap-ledger: error: \(failure.message)\n")
            throw ExitCode(failure.exitCode)
        }
    }
}

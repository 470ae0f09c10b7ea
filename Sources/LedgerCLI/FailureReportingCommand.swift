import ArgumentParser

/// A command whose errors become a one-line message on stderr and a sysexits code.
protocol FailureReportingCommand: ParsableCommand {
    func execute() throws
}

extension FailureReportingCommand {
    func run() throws {
        do {
            try execute()
        } catch {
            throw CommandFailure.exit(reporting: error)
        }
    }
}

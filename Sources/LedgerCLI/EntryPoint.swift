import Logging

/// Starts the process: logging to stderr, global options hoisted, then the command.
@main
enum EntryPoint {
    static func main() async {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = Logger.Level(rawValue: Environment.value("KEAP_LEDGER_LOG_LEVEL") ?? "") ?? .warning
            return handler
        }
        let arguments = GlobalOptions.hoisted(Array(CommandLine.arguments.dropFirst()))
        await KeapLedger.main(arguments)
    }
}

import ArgumentParser
import Foundation
import LedgerStore

/// Options every command takes; cli.md lets them stand before or after the subcommand.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "The ledger database file (default: $KEAP_LEDGER_DB, else ./keap-ledger.sqlite).")
    var db: String?

    @Flag(name: .long, help: "Machine output: one JSON object on stdout (NDJSON where rows stream).")
    var json = false

    @Option(name: .long, help: "Seconds to wait for another process's write lock before giving up (exit 75).")
    var busyTimeout: Double = 60

    func validate() throws {
        try NumericOptions.busyTimeout.check(busyTimeout)
    }

    /// The database path after defaults.
    var databasePath: String {
        db ?? Environment.value("KEAP_LEDGER_DB") ?? "./keap-ledger.sqlite"
    }

    /// Opens the ledger, mapping failures to exit codes.
    func openDatabase() throws -> LedgerDatabase {
        do {
            return try LedgerDatabase(path: databasePath, busyTimeout: busyTimeout)
        } catch {
            throw CommandFailure.store(error)
        }
    }

    /// Option names with a value, and flags, that may appear before the subcommand.
    private static let valued: Set<String> = ["--db", "--busy-timeout"]
    private static let flags: Set<String> = ["--json"]

    /// Moves global options written before the subcommand to after it, where ArgumentParser reads them.
    static func hoisted(_ arguments: [String]) -> [String] {
        var leading: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
            if flags.contains(argument) || (valued.contains(name) && argument.contains("=")) {
                leading.append(argument)
                index += 1
            } else if valued.contains(argument), index + 1 < arguments.count {
                leading.append(contentsOf: arguments[index...index + 1])
                index += 2
            } else {
                break
            }
        }
        guard !leading.isEmpty, index < arguments.count else { return arguments }
        // The subcommand (and a nested one such as `outbox flush`) come first, then the hoisted options.
        var rest = Array(arguments[index...])
        var insertAt = 1
        while insertAt < rest.count, !rest[insertAt].hasPrefix("-"), KeapLedger.configuration.subcommands
            .first(where: { $0.configuration.commandName == rest[0] })?.configuration.subcommands
            .contains(where: { $0.configuration.commandName == rest[insertAt] }) == true {
            insertAt += 1
        }
        rest.insert(contentsOf: leading, at: insertAt)
        return rest
    }
}

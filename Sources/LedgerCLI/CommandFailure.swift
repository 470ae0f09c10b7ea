import ArgumentParser
import KeapClient
import LedgerFeed
import LedgerIngest
import LedgerStore
import LedgerSync

/// A failure that ends a command with a message on stderr and a sysexits code.
struct CommandFailure: Error, CustomStringConvertible {
    let exitCode: Int32
    let message: String

    static let usage: Int32 = 64
    static let dataError: Int32 = 65
    static let noInput: Int32 = 66
    static let unavailable: Int32 = 69
    static let software: Int32 = 70
    static let ioError: Int32 = 74
    static let temporaryFailure: Int32 = 75

    var description: String { message }

    static func store(_ error: LedgerStoreError) -> CommandFailure {
        let code: Int32 = switch error.code {
        case .busy: temporaryFailure
        case .io, .incompatible: ioError
        case .internalInvariant: software
        case .notFound, .damaged, .malformedInput: dataError
        case .ambiguous: usage
        case .inputMissing: noInput
        }
        return CommandFailure(exitCode: code, message: error.message)
    }

    static func feed(_ error: FeedReadError) -> CommandFailure {
        CommandFailure(exitCode: error.code == .corruptData ? dataError : noInput, message: error.description)
    }

    static func sync(_ failure: SyncFailure) -> CommandFailure {
        switch failure {
        case .setupMissing(let message): CommandFailure(exitCode: usage, message: message)
        case .busy(let message), .interrupted(let message): CommandFailure(exitCode: temporaryFailure, message: message)
        case .keap(let error): .keap(error)
        case .keapConflict(let message): CommandFailure(exitCode: unavailable, message: message)
        case .database(let error): .store(error)
        case .internalError(let message): CommandFailure(exitCode: software, message: "internal error: \(message)")
        }
    }

    /// Credentials problems exit 69 like an unreachable Keap: nothing will work until an operator acts. With a token
    /// file, the message already says what to do (re-authorize, chmod), so no generic hint is added.
    static func keap(_ error: KeapCallError) -> CommandFailure {
        guard error.kind == .authentication else { return CommandFailure(exitCode: unavailable, message: "Keap: \(error)") }
        if Environment.value("KEAP_TOKEN_FILE") != nil {
            return CommandFailure(exitCode: unavailable, message: "Keap OAuth2 authentication failed: \(error)")
        }
        return CommandFailure(exitCode: unavailable, message: "Keap refused the credentials (\(error)); check KEAP_API_KEY or KEAP_ACCESS_TOKEN")
    }

    /// What a command's `run()` throws for `error`: an `ExitCode` passes through (the command chose it); anything
    /// else is printed as one line on stderr and becomes its sysexits code. The one body of both reporting protocols.
    static func exit(reporting error: any Error) -> ExitCode {
        if let exit = error as? ExitCode { return exit }
        let failure = from(error)
        StandardStreams.err("keap-ledger: error: \(failure.message)\n")
        return ExitCode(failure.exitCode)
    }

    /// Maps any error from the layers below to a failure; unknown errors are internal (exit 70).
    static func from(_ error: any Error) -> CommandFailure {
        switch error {
        case let failure as CommandFailure: failure
        case let store as LedgerStoreError: .store(store)
        case let feed as FeedReadError: .feed(feed)
        case let sync as SyncFailure: .sync(sync)
        case let configuration as KeapConfigurationError: CommandFailure(exitCode: usage, message: "\(configuration)")
        case let keap as KeapCallError: .keap(keap)
        case let tokenFile as KeapTokenFileError: CommandFailure(exitCode: unavailable, message: tokenFile.description)
        case let configuration as SyncConfigurationError: CommandFailure(exitCode: usage, message: configuration.message)
        case let settings as IngestSettingsError: CommandFailure(exitCode: usage, message: settings.message)
        default: CommandFailure(exitCode: software, message: "internal error: \(error)")
        }
    }
}

import Foundation

/// Runs the real `keap-ledger` binary as a subprocess, as an operator or cron would.
package struct LedgerProcess {
    /// What a finished run left behind.
    package struct Outcome: Sendable {
        package let status: Int32
        package let stdout: String
        package let stderr: String
    }

    /// Runs `keap-ledger arguments…`, feeding `stdin` if given, and waits for it.
    package static func run(_ arguments: [String], stdin: [UInt8]? = nil, environment: [String: String] = [:]) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: RepositoryPaths.binary)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "KEAP_LEDGER_DB")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let outPipe = Pipe()
        let errPipe = Pipe()
        let inPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = inPipe
        try process.run()
        // Read both pipes concurrently so a chatty child never blocks on a full pipe.
        let errData = LockedData()
        let errReader = Thread { errData.set(errPipe.fileHandleForReading.readDataToEndOfFile()) }
        errReader.start()
        if let stdin { inPipe.fileHandleForWriting.write(Data(stdin)) }
        try inPipe.fileHandleForWriting.close()
        let out = outPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let err = errData.wait()
        return Outcome(
            status: process.terminationStatus,
            stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self))
    }
}

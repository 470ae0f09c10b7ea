import ArgumentParser
import Foundation
import LedgerStore

/// `keap-ledger export`: the stored lines, byte for byte, in sequence order (cli.md).
struct ExportCommand: FailureReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the stored events as NDJSON, each line exactly the bytes ingested, in sequence order."
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "Only events with a greater seq.")
    var afterSeq: Int64 = 0

    @Option(help: "Write to this file instead of stdout.")
    var output: String?

    func validate() throws {
        try NumericOptions.afterSeq.check(afterSeq)
    }

    func execute() throws {
        let database = try global.openDatabase()
        let sink = try BufferedSink(path: output)
        let count = try LogExporter(database: database).export(afterSeq: afterSeq) { line in
            try sink.write(line)
            if LogExporter.needsCRLF(after: line) { try sink.write(byte: 0x0D) }
            try sink.write(byte: 0x0A)
        }
        try sink.close()
        if output != nil || global.json {
            StandardStreams.err("export: \(count) events written\n")
        }
    }
}

import Foundation

/// `keap-ledger-bench SUBCOMMAND …`: benchmarks that need the library in process. A plain dispatcher rather than
/// ArgumentParser, so the bench binary stays small and its output is exactly what the scripts parse.
@main
enum BenchEntryPoint {
    static func main() async {
        var arguments = Array(CommandLine.arguments.dropFirst())
        let subcommand = arguments.isEmpty ? "" : arguments.removeFirst()
        do {
            switch subcommand {
            case "point-in-time":
                try PointInTimeBenchmark.run(arguments)
            case "flush":
                try await FlushBenchmark.run(FlushBenchmarkOptions.parse(arguments))
            case "reconcile":
                try await ReconcileBenchmark.run(arguments)
            default:
                throw BenchUsageError("unknown subcommand \"\(subcommand)\"")
            }
        } catch let error as BenchUsageError {
            FileHandle.standardError.write(Data("""
                keap-ledger-bench: \(error.message)
                usage: \(PointInTimeBenchmark.usage)
                       \(FlushBenchmarkOptions.usage)
                       \(ReconcileBenchmark.usage)

                """.utf8))
            exit(64)
        } catch {
            FileHandle.standardError.write(Data("keap-ledger-bench: error: \(error)\n".utf8))
            exit(70)
        }
    }
}

/// A command line the bench cannot run: printed with the usage, exit 64 (EX_USAGE) like the CLI.
struct BenchUsageError: Error, CustomStringConvertible {
    let message: String

    init(_ message: String) {
        self.message = message
    }

    var description: String { message }
}

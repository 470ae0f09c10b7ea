/// The command line of `keap-ledger-bench flush`.
struct FlushBenchmarkOptions: Sendable {
    static let usage = "keap-ledger-bench flush --orders N [--limiter default|off] [--seconds S] [--concurrency 1,4,8] [--fault-rate R [--slow-ms MS]] [--transport asynchttpclient|urlsession]"

    /// Complete USD orders in the generated feed.
    var orders = 10_000
    var limiter = LimiterMode.off
    /// With `--limiter default`: how long the paced run lasts before the flush is cancelled.
    var seconds = 75.0
    /// One run (fresh ledger, fresh sandbox) per value. Defaults: 1, 4 and 8 without the limiter (how far
    /// concurrency helps when nothing paces the calls); the CLI's default of 4 with it (the limiter is the bound).
    var concurrency: [Int]?
    /// With a rate: each concurrency runs twice, without faults (the anchor) and with this share of `/v2` requests
    /// faulted (429, 500 before applying, connection dropped after applying, slow answer; one kind in four each),
    /// and each run flushes again until nothing is pending, as a cron job would (`--seconds` does not apply).
    var faultRate: Double?
    /// How late the slow fault answers.
    var slowMilliseconds = 1500
    var transport = BenchTransport.asynchttpclient

    var concurrencies: [Int] {
        concurrency ?? (limiter == .off ? [1, 4, 8] : [4])
    }

    static func parse(_ arguments: [String]) throws(BenchUsageError) -> FlushBenchmarkOptions {
        var options = FlushBenchmarkOptions()
        var rest = arguments[...]
        while let option = rest.popFirst() {
            guard let value = rest.popFirst() else { throw BenchUsageError("\(option) needs a value") }
            switch option {
            case "--orders":
                guard let count = Int(value), count >= 1 else { throw BenchUsageError("--orders must be a positive integer") }
                options.orders = count
            case "--limiter":
                guard let mode = LimiterMode(rawValue: value) else { throw BenchUsageError("--limiter is default or off") }
                options.limiter = mode
            case "--seconds":
                guard let seconds = Double(value), seconds >= 1 else { throw BenchUsageError("--seconds must be at least 1") }
                options.seconds = seconds
            case "--concurrency":
                let values = value.split(separator: ",").map { Int($0) }
                guard !values.isEmpty, values.allSatisfy({ ($0 ?? 0) >= 1 }) else {
                    throw BenchUsageError("--concurrency is a comma-separated list of positive integers, e.g. 1,4,8")
                }
                options.concurrency = values.compactMap { $0 }
            case "--fault-rate":
                guard let rate = Double(value), rate >= 0, rate < 1 else { throw BenchUsageError("--fault-rate is a share in 0..<1, e.g. 0.2") }
                options.faultRate = rate
            case "--slow-ms":
                guard let millis = Int(value), millis >= 0 else { throw BenchUsageError("--slow-ms must be a non-negative integer") }
                options.slowMilliseconds = millis
            case "--transport":
                guard let transport = BenchTransport(rawValue: value) else { throw BenchUsageError("--transport is asynchttpclient or urlsession") }
                options.transport = transport
            default:
                throw BenchUsageError("unknown option \(option)")
            }
        }
        return options
    }
}

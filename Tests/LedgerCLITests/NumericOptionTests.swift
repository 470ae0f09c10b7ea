import Foundation
import Testing
import LedgerTestSupport

/// Every numeric option of every command refuses a meaningless value as a usage error (exit 64) naming the option
/// and its allowed range, before it touches a database, a feed or Keap.
@Suite("numeric options: a meaningless value is exit 64 with the allowed range")
final class NumericOptionTests {
    let directory: TemporaryDirectory
    let feed: String
    var db: String { directory.path("ledger.sqlite") }

    init() throws {
        directory = try TemporaryDirectory(prefix: "keap-ledger-options")
        feed = try directory.write("feed.ndjson", FeedLines.feed(FeedLines.customer(id: "e1")))
    }

    deinit { directory.remove() }

    /// Options, with FEED and DB standing for this test's files (a negative value is written `--name=-1`, since
    /// ArgumentParser reads a lone `-1` as an option name); the text the refusal must contain.
    static let refusals: [(arguments: [String], message: String)] = [
        (["ingest", "FEED", "--mode", "skip", "--commit-every", "0", "--db", "DB"], "--commit-every must be 1 or more; found 0"),
        // The bug of issue #14: this never ended.
        (["sync", "FEED", "--mode", "skip", "--commit-every", "0", "--db", "DB"], "--commit-every must be 1 or more; found 0"),
        (["sync", "FEED", "--limit", "0", "--db", "DB"], "--limit must be 1 or more; found 0"),
        (["sync", "FEED", "--max-attempts", "0", "--db", "DB"], "--max-attempts must be 1 or more; found 0"),
        (["sync", "FEED", "--concurrency", "0", "--db", "DB"], "--concurrency must be 1 or more; found 0"),
        (["outbox", "flush", "--limit=-3", "--db", "DB"], "--limit must be 1 or more; found -3"),
        (["outbox", "flush", "--max-attempts", "0", "--db", "DB"], "--max-attempts must be 1 or more; found 0"),
        (["outbox", "flush", "--concurrency=-1", "--db", "DB"], "--concurrency must be 1 or more; found -1"),
        (["verify", "--busy-timeout=-1", "--db", "DB"], "--busy-timeout must be between 0 and 86400; found -1.0"),
        (["--busy-timeout", "nan", "verify", "--db", "DB"], "--busy-timeout must be between 0 and 86400; found nan"),
        (["ingest", "FEED", "--busy-timeout", "inf", "--db", "DB"], "--busy-timeout must be between 0 and 86400; found inf"),
        (["orders", "--limit=-1", "--db", "DB"], "--limit must be 0 or more; found -1"),
        (["export", "--after-seq=-1", "--db", "DB"], "--after-seq must be 0 or more; found -1"),
        (["order", "O-1", "--at-seq=-1", "--db", "DB"], "--at-seq must be 0 or more; found -1"),
        (["history", "O-1", "--at-seq=-2", "--db", "DB"], "--at-seq must be 0 or more; found -2"),
        (["sample-feed", "--events=-1"], "--events must be 0 or more; found -1"),
        (["sample-feed", "--late-rate", "1.5"], "--late-rate must be between 0 and 1; found 1.5"),
        (["sample-feed", "--duplicate-rate=-0.1"], "--duplicate-rate must be between 0 and 1; found -0.1"),
        (["sample-feed", "--incomplete-rate", "nan"], "--incomplete-rate must be between 0 and 1; found nan"),
        (["sample-feed", "--seed=-1"], "--seed"),
        (["sandbox", "--port", "65536"], "--port must be 0...65535; found 65536"),
        (["sandbox", "--access-token-lifetime", "0"], "--access-token-lifetime must be 1 or more; found 0"),
        (["sandbox", "--fault-rate", "2"], "--fault-rate must be between 0 and 1; found 2.0"),
        (["sandbox", "--fault-seed=-1"], "--fault-seed"),
    ]

    @Test("refused with exit 64", .timeLimit(.minutes(1)), arguments: refusals)
    func refused(arguments: [String], message: String) async throws {
        let resolved = arguments.map { $0 == "FEED" ? feed : $0 == "DB" ? db : $0 }
        // A regression would serve (`sandbox`) or spin (`sync`) instead of exiting: the time limit fails the test.
        let run = try await LedgerProcess.runDetached(resolved)
        #expect(run.status == 64, "\(arguments): \(run.stderr)")
        #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: db), "\(arguments): the ledger was opened before the options were checked")
    }
}

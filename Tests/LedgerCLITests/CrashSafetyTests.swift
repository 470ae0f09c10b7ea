import Foundation
import Testing
import LedgerTestSupport

/// SIGKILL during ingest never leaves a half-written run, and running the same ingest again completes it.
@Suite("Crash safety", .serialized)
struct CrashSafetyTests {
    @Test func killedIngestLeavesAVerifiableLogAndRerunCompletesIt() throws {
        let directory = try TemporaryDirectory(prefix: "keap-ledger-crash")
        defer { directory.remove() }
        let feed = directory.path("feed.ndjson")
        let db = directory.path("ledger.sqlite")
        let events = 60_000
        let generate = try LedgerProcess.run(["sample-feed", "--events", String(events), "--seed", "7", "--output", feed])
        #expect(generate.status == 0, "\(generate.stderr)")
        var generator = SystemRandomNumberGenerator()
        var storedBefore = 0
        for attempt in 1...4 {
            // Given an ingest (skip mode commits in batches) killed at a random moment
            let process = Process()
            process.executableURL = URL(fileURLWithPath: RepositoryPaths.binary)
            process.arguments = ["ingest", feed, "--db", db, "--mode", "skip"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32.random(in: 150_000...1_200_000, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            // Then the database opens and verifies, and holds only whole batches
            let verify = try LedgerProcess.run(["verify", "--db", db, "--json"])
            #expect(verify.status == 0, "attempt \(attempt): \(verify.stderr)")
            let report = try #require(JSONSerialization.jsonObject(with: Data(verify.stdout.utf8)) as? [String: Any])
            let stored = report["events"] as? Int ?? -1
            #expect(stored >= storedBefore, "attempt \(attempt): the log shrank")
            storedBefore = stored
        }
        // When the same ingest runs to the end
        let rerun = try LedgerProcess.run(["ingest", feed, "--db", db, "--mode", "skip", "--json"])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let summary = try #require(JSONSerialization.jsonObject(with: Data(rerun.stdout.utf8)) as? [String: Any])
        // Then what was stored before counts as duplicates and the rest is stored once
        let duplicates = summary["duplicates"] as? Int ?? -1
        let accepted = summary["accepted"] as? Int ?? -1
        #expect(duplicates >= storedBefore)
        #expect(summary["read"] as? Int == events)
        let verify = try LedgerProcess.run(["verify", "--db", db, "--json"])
        let report = try #require(JSONSerialization.jsonObject(with: Data(verify.stdout.utf8)) as? [String: Any])
        #expect(report["events"] as? Int == storedBefore + accepted)
        // And a clean ingest of the same feed into a fresh ledger stores exactly as many events
        let fresh = try LedgerProcess.run(["ingest", feed, "--db", directory.path("fresh.sqlite"), "--json"])
        let freshSummary = try #require(JSONSerialization.jsonObject(with: Data(fresh.stdout.utf8)) as? [String: Any])
        #expect(freshSummary["accepted"] as? Int == storedBefore + accepted)
    }

    @Test func twoIngestsAtOnceBothSucceedAndTheSequenceStaysGapFree() throws {
        let directory = try TemporaryDirectory(prefix: "keap-ledger-concurrent")
        defer { directory.remove() }
        let db = directory.path("ledger.sqlite")
        let feeds = try ["a", "b"].map { source -> String in
            let path = directory.path("\(source).ndjson")
            let run = try LedgerProcess.run(["sample-feed", "--events", "20000", "--seed", "3", "--source", source, "--output", path])
            #expect(run.status == 0)
            return path
        }
        // Create the database first so both processes open a migrated ledger.
        #expect(try LedgerProcess.run(["verify", "--db", db]).status == 0)
        let processes = try zip(feeds, ["atomic", "skip"]).map { feed, mode -> Process in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: RepositoryPaths.binary)
            process.arguments = ["ingest", feed, "--db", db, "--mode", mode]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        for process in processes {
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        let verify = try LedgerProcess.run(["verify", "--db", db, "--json"])
        #expect(verify.status == 0, "\(verify.stderr)")
        let report = try #require(JSONSerialization.jsonObject(with: Data(verify.stdout.utf8)) as? [String: Any])
        let single = try LedgerProcess.run(["ingest", feeds[0], "--db", directory.path("single.sqlite"), "--json"])
        let singleSummary = try #require(JSONSerialization.jsonObject(with: Data(single.stdout.utf8)) as? [String: Any])
        #expect(report["events"] as? Int == 2 * (singleSummary["accepted"] as? Int ?? 0))
    }
}

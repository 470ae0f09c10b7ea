import Foundation
import Testing
import LedgerCore
import LedgerTestSupport

/// SIGKILL during ingest never leaves a half-written run, and running the same ingest again completes it.
@Suite("Crash safety", .serialized)
struct CrashSafetyTests {
    /// The feed's events in order, first delivery of each id only: what a complete ingest stores.
    private func uniqueLines(_ path: String) throws -> [String] {
        var seen = Set<String>()
        var lines: [String] = []
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            let id = object?["id"] as? String ?? ""
            if seen.insert(id).inserted { lines.append(String(line)) }
        }
        return lines
    }

    private func exported(_ db: String) throws -> [String] {
        let run = try LedgerProcess.run(["export", "--db", db])
        return run.stdout.split(separator: "\n").map(String.init)
    }

    @Test func killedIngestLeavesAVerifiablePrefixAndRerunCompletesIt() throws {
        let directory = try TemporaryDirectory(prefix: "keap-ledger-crash")
        defer { directory.remove() }
        let feed = directory.path("feed.ndjson")
        let db = directory.path("ledger.sqlite")
        let generate = try LedgerProcess.run(["sample-feed", "--events", "60000", "--seed", "7", "--output", feed])
        #expect(generate.status == 0, "\(generate.stderr)")
        let expected = try uniqueLines(feed)
        var generator = SplitMix64(seed: TestSeed.make("killedIngestLeavesAVerifiablePrefixAndRerunCompletesIt"))
        let watch = CommitWatch(path: db)
        var storedBefore = 0
        var killedMidway = 0
        for attempt in 1...5 {
            // Given an ingest committing every 500 events, killed once it has committed 1 to 6 more batches (the
            // process's own commits say when, however fast or slow the machine), then 0-20 ms later so that the kill
            // lands at a different point of the next transaction each time
            let target = storedBefore + 500 * Int.random(in: 1...6, using: &generator)
            let spread = UInt32.random(in: 0...20_000, using: &generator)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: RepositoryPaths.binary)
            process.arguments = ["ingest", feed, "--db", db, "--mode", "skip", "--commit-every", "500"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let reached = watch.wait(for: target, while: process)
            #expect(reached, "attempt \(attempt): the ingest ended before committing \(target) events")
            usleep(spread)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            // Then the database opens and verifies
            let verify = try LedgerProcess.run(["verify", "--db", db])
            #expect(verify.status == 0, "attempt \(attempt): \(verify.stderr)")
            // And it holds exactly a prefix of the feed's events: whole batches, in order, nothing torn
            let stored = try exported(db)
            #expect(stored == Array(expected.prefix(stored.count)), "attempt \(attempt): the log is not a prefix of the feed")
            #expect(stored.count >= storedBefore, "attempt \(attempt): the log shrank")
            if stored.count > storedBefore, stored.count < expected.count { killedMidway += 1 }
            storedBefore = stored.count
        }
        #expect(killedMidway > 0, "no kill landed between commits; the test proved nothing")
        // When the same ingest runs to the end
        let rerun = try LedgerProcess.run(["ingest", feed, "--db", db, "--mode", "skip", "--json"])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let summary = try #require(JSONSerialization.jsonObject(with: Data(rerun.stdout.utf8)) as? [String: Any])
        // Then what was stored before counts as duplicates and the log is the whole feed, once
        #expect(summary["accepted"] as? Int == expected.count - storedBefore)
        #expect((summary["duplicates"] as? Int ?? 0) >= storedBefore)
        #expect(try exported(db) == expected)
        #expect(try LedgerProcess.run(["verify", "--db", db]).status == 0)
        // And the projections, however many runs were killed on the way, are caught up and equal to a rebuild
        let orders = try LedgerProcess.run(["orders", "--json", "--db", db])
        #expect(orders.stderr.isEmpty, "projections behind the log: \(orders.stderr)")
        #expect(orders.stdout.split(separator: "\n").count > 1000)
        #expect(try LedgerProcess.run(["rebuild", "--db", db]).status == 0)
        #expect(try LedgerProcess.run(["orders", "--json", "--db", db]).stdout == orders.stdout)
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
        func start(_ feed: String, mode: String) throws -> Process {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: RepositoryPaths.binary)
            process.arguments = ["ingest", feed, "--db", db, "--mode", mode, "--commit-every", "1000"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        // Given the skip-mode ingest under way (its first batch committed, most of its feed still to store)
        let skip = try start(feeds[1], mode: "skip")
        let watch = CommitWatch(path: db)
        #expect(watch.wait(for: 1000, while: skip), "the skip-mode ingest ended before its first commit was seen")
        // When the atomic ingest starts beside it
        let atomic = try start(feeds[0], mode: "atomic")
        let committedWhenBothRan = watch.committed()
        // Then the two overlapped: the first was still running, with events left to store, when the second began
        #expect(skip.isRunning, "the skip-mode ingest had already ended: the two ingests did not overlap")
        #expect(committedWhenBothRan < (try uniqueLines(feeds[1]).count), "the skip-mode ingest had stored everything")
        for process in [atomic, skip] {
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        // Then verify (which checks seq is 1…N without gaps) passes and both feeds are complete
        let verify = try LedgerProcess.run(["verify", "--db", db, "--json"])
        #expect(verify.status == 0, "\(verify.stderr)")
        let report = try #require(JSONSerialization.jsonObject(with: Data(verify.stdout.utf8)) as? [String: Any])
        #expect(report["events"] as? Int == 2 * (try uniqueLines(feeds[0]).count))
    }
}

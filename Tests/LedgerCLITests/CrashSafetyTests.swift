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
            // Not a wait for anything: a seeded, replayable offset past the commit, so the kill lands at a different
            // point of the next transaction each attempt.
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

    /// An atomic, projecting ingest commits its events and then projects them in a transaction of its own. Killed
    /// between the two commits, it must leave the whole log (verified) and projections that stand at their old
    /// checkpoint, behind the log and never half-written, which the next `project` catches up to what a rebuild gives.
    @Test func anAtomicIngestKilledWhileItProjectsLeavesTheLogWholeAndTheProjectionsBehind() throws {
        let directory = try TemporaryDirectory(prefix: "keap-ledger-crash")
        defer { directory.remove() }
        let feed = directory.path("feed.ndjson")
        let generate = try LedgerProcess.run(["sample-feed", "--events", "60000", "--seed", "8", "--output", feed])
        #expect(generate.status == 0, "\(generate.stderr)")
        let expected = try uniqueLines(feed)
        var landedBetweenTheCommits = false
        for attempt in 1...3 where !landedBetweenTheCommits {
            let db = directory.path("ledger-\(attempt).sqlite")
            // Given an atomic ingest (the default), killed as soon as its one commit of events is visible
            let process = Process()
            process.executableURL = URL(fileURLWithPath: RepositoryPaths.binary)
            process.arguments = ["ingest", feed, "--db", db]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let reached = CommitWatch(path: db).wait(for: expected.count, while: process)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            guard reached else { continue }  // it finished projecting before the watch saw the commit
            // Then the log is the whole feed and verifies
            #expect(try LedgerProcess.run(["verify", "--db", db]).status == 0, "attempt \(attempt)")
            #expect(try exported(db) == expected, "attempt \(attempt)")
            // And `project` folds what the killed run had not projected (everything, when the kill landed before the
            // projection's commit), after which the projections and the outbox equal a rebuild from the log
            let project = try LedgerProcess.run(["project", "--db", db, "--json"])
            #expect(project.status == 0, "attempt \(attempt): \(project.stderr)")
            let folded = try #require(JSONSerialization.jsonObject(with: Data(project.stdout.utf8)) as? [String: Any])
            let events = folded["events"] as? Int ?? -1
            #expect(events == 0 || events == expected.count, "attempt \(attempt): a half-written projection (\(events) events folded)")
            if events > 0 { landedBetweenTheCommits = true }
            let check = try LedgerProcess.run(["verify", "--projections", "--db", db, "--json"])
            #expect(check.status == 0 && check.stdout.contains("\"projections\":\"match\""), "attempt \(attempt): \(check.stdout) \(check.stderr)")
        }
        #expect(landedBetweenTheCommits, "no kill landed between the events' commit and the projection's; the test proved nothing")
    }

    /// Two ingests of one ledger at once, the overlap made certain rather than hoped for: the first reads a pipe the
    /// test feeds, so it is provably mid-run (half its feed committed, the rest not even written) while the second
    /// ingest runs. What the processes themselves say proves they met: a third ingest that may not wait
    /// (`--busy-timeout 0`) is refused with "busy" while the first holds the write lock mid-run, or, if the write path
    /// lets writers take turns between commits, its events land between the first ingest's two halves.
    @Test(.timeLimit(.minutes(10))) func twoIngestsAtOnceBothSucceedAndTheSequenceStaysGapFree() throws {
        let directory = try TemporaryDirectory(prefix: "keap-ledger-concurrent")
        defer { directory.remove() }
        let db = directory.path("ledger.sqlite")
        let feeds = try ["a", "b"].map { source -> String in
            let path = directory.path("\(source).ndjson")
            let run = try LedgerProcess.run(["sample-feed", "--events", "20000", "--seed", "3", "--source", source, "--output", path])
            #expect(run.status == 0)
            return path
        }
        let (linesA, linesB) = (try uniqueLines(feeds[0]), try uniqueLines(feeds[1]))
        let rawB = try String(contentsOfFile: feeds[1], encoding: .utf8).split(separator: "\n").map(String.init)
        // Create the database first so every process opens a migrated ledger.
        #expect(try LedgerProcess.run(["verify", "--db", db]).status == 0)

        // Given a skip-mode ingest of feed b from a pipe, with half of the feed written and at least 5,000 events of
        // it committed (the reader hands on whole chunks of 1,024 lines, so a few lines may wait for the rest)
        let input = Pipe()
        let skip = Process()
        skip.executableURL = URL(fileURLWithPath: RepositoryPaths.binary)
        skip.arguments = ["ingest", "-", "--db", db, "--mode", "skip", "--commit-every", "1000"]
        skip.standardInput = input
        skip.standardOutput = FileHandle.nullDevice
        skip.standardError = FileHandle.nullDevice
        try skip.run()
        let half = rawB.count / 2
        try input.fileHandleForWriting.write(contentsOf: Data((rawB[..<half].joined(separator: "\n") + "\n").utf8))
        let watch = CommitWatch(path: db)
        #expect(watch.wait(for: 5000, while: skip), "the skip-mode ingest ended before committing 5,000 events")
        let committedMidRun = watch.committed()

        // When an ingest that may not wait starts while the first is mid-run (its input still open)
        let impatient = try LedgerProcess.run(["ingest", feeds[0], "--db", db, "--busy-timeout", "0"])
        // And an atomic ingest of feed a starts while the first is still mid-run, and then the first gets the rest
        let atomic = Process()
        atomic.executableURL = URL(fileURLWithPath: RepositoryPaths.binary)
        atomic.arguments = ["ingest", feeds[0], "--db", db, "--mode", "atomic"]
        atomic.standardOutput = FileHandle.nullDevice
        atomic.standardError = FileHandle.nullDevice
        try atomic.run()
        #expect(skip.isRunning, "the skip-mode ingest ended with its input still open")
        try input.fileHandleForWriting.write(contentsOf: Data((rawB[half...].joined(separator: "\n") + "\n").utf8))
        try input.fileHandleForWriting.close()
        for process in [atomic, skip] {
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }

        // Then verify (which checks seq is 1…N without gaps) passes and both feeds are complete
        let verify = try LedgerProcess.run(["verify", "--db", db, "--json"])
        #expect(verify.status == 0, "\(verify.stderr)")
        let report = try #require(JSONSerialization.jsonObject(with: Data(verify.stdout.utf8)) as? [String: Any])
        #expect(report["events"] as? Int == linesA.count + linesB.count)
        // And the log, in seq (commit) order, holds b in feed order and a as one block (one transaction)
        let stored = try exported(db)
        let sources = try stored.map { line -> String in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return object?["source"] as? String ?? "?"
        }
        #expect(zip(stored, sources).filter { $0.1 == "b" }.map(\.0) == linesB)
        let blockA = sources.indices.filter { sources[$0] == "a" }
        #expect(blockA.count == linesA.count)
        if let first = blockA.first, let last = blockA.last {
            #expect(last - first + 1 == blockA.count, "feed a's events are not one contiguous block")
            // And the overlap is shown by the processes: the impatient ingest met the first one's write lock, or its
            // block lies between b's committed half and b's rest (which did not exist yet when it ran)
            if impatient.status == 0 {
                #expect(first >= committedMidRun && last < linesB.count + linesA.count - 1 && sources[last + 1] == "b",
                        "the impatient ingest's events are not between the two halves of b: seq \(first + 1)…\(last + 1)")
            } else {
                #expect(impatient.status == 75, "\(impatient.stderr)")
                #expect(impatient.stderr.contains("busy"), "\(impatient.stderr)")
                // And the waiting ingest's block follows b's committed half: it could not go before what was stored
                #expect(first >= committedMidRun)
            }
        }
    }
}

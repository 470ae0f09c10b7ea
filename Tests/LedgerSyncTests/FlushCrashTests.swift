import Foundation
import KeapSandbox
import LedgerCore
import LedgerStore
import LedgerTestSupport
import Testing
@testable import LedgerSync

/// `keap-ledger outbox flush` killed with SIGKILL at random points, through 20 % injected faults, then run again:
/// Keap ends with exactly one correct order per complete order (and one subscription per started subscription) and no duplicates. Runs the real binary (built by the
/// test command) against the sandbox served from this test process.
@Suite("Flush crash safety", .serialized, .awaitedTeardown)
struct FlushCrashTests {
    private func environment(_ sandbox: RunningKeapSandbox) -> [String: String] {
        ["KEAP_BASE_URL": sandbox.baseURL, "KEAP_API_KEY": "sandbox-key", "KEAP_MAX_PER_SECOND": "0", "KEAP_MAX_PER_MINUTE": "0",
         "KEAP_RETRY_BASE_MS": "2", "KEAP_TIMEOUT_SECONDS": "1"]
    }

    @Test func killedFlushesThroughFaultsStillEndWithExactlyOneCorrectOrderEach() async throws {
        let directory = try TemporaryDirectory(prefix: "keap-ledger-flush-crash")
        defer { directory.remove() }
        let sandbox = try await KeapSandboxServer.start(host: "127.0.0.1", port: 0, configuration: KeapSandboxConfiguration(
            faults: SandboxFaultPlan(seed: 5, probability: 0.2, kinds: [.throttle429, .error500BeforeApply, .dropAfterApply, .slow(.milliseconds(1500))])))
        await AwaitedTeardown.add { await sandbox.stop() }
        let env = environment(sandbox)
        let db = directory.path("ledger.sqlite")
        let feed = directory.path("feed.ndjson")
        #expect(try await LedgerProcess.runDetached(["sample-feed", "--events", "3000", "--seed", "9", "--output", feed]).status == 0)
        #expect(try await LedgerProcess.runDetached(["ingest", feed, "--db", db, "--mode", "skip"]).status == 0)
        var setup = try await LedgerProcess.runDetached(["keap", "setup", "--db", db], environment: env)
        for _ in 1...5 where setup.status != 0 { setup = try await LedgerProcess.runDetached(["keap", "setup", "--db", db], environment: env) }
        #expect(setup.status == 0, "\(setup.stderr)")

        var generator = SplitMix64(seed: TestSeed.make("killedFlushesThroughFaultsStillEndWithExactlyOneCorrectOrderEach"))
        var killedWhileRunning = 0
        for _ in 1...6 {
            // Each flush is killed once the sandbox has received 5 to 80 of its requests (a signal from the run
            // itself, however fast or slow the machine), so the kill lands mid-flush at a different call each time
            let target = await sandbox.counters().totalRequests + Int.random(in: 5...80, using: &generator)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: RepositoryPaths.binary)
            process.arguments = ["outbox", "flush", "--db", db, "--max-attempts", "100"]
            process.environment = ProcessInfo.processInfo.environment.merging(env) { _, new in new }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            while process.isRunning, await sandbox.counters().totalRequests < target {
                try await Task.sleep(for: .milliseconds(2))
            }
            if process.isRunning { killedWhileRunning += 1 }
            kill(process.processIdentifier, SIGKILL)
            await LedgerProcess.waitDetached(process)
        }
        #expect(killedWhileRunning > 0, "no kill landed during a flush; the test proved nothing")
        // Then flushes run to the end (faults still on): each stream gets retried until it is through.
        let database = try LedgerDatabase(path: db)
        func pending() throws -> Int {
            try database.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox_stream WHERE status = 'pending'") ?? 0 }
        }
        var runs = 0
        while try pending() > 0, runs < 30 {
            // (the loop body runs the child off the concurrency pool: see LedgerProcess.runDetached)
            let run = try await LedgerProcess.runDetached(["outbox", "flush", "--db", db, "--max-attempts", "100", "--json"], environment: env)
            #expect([0, 65, 75].contains(run.status), "\(run.stdout) \(run.stderr)")
            runs += 1
        }
        #expect(try pending() == 0)
        let snapshot = await sandbox.snapshot()
        #expect(snapshot.counters.totalFaults > 20)
        #expect(try KeapAgreement.problems(ledger: database, keap: snapshot) == [])
    }
}

import Foundation
import KeapSandbox
import LedgerStore
import LedgerTestSupport
import Testing
@testable import LedgerSync

/// The flush as operators and cron run it: the real binary against the sandbox served from this test process.
@Suite("outbox flush, keap setup and sync commands", .awaitedTeardown)
struct FlushCommandTests {
    private static let secret = "sk-TEST-7f3a9c-do-not-print"

    private static let feed = [
        EventBuilder.line("customer.upserted", at: "2026-11-20T09:00:00Z", id: "c1", data: #"{"customer_ref":"C-1","email":"ada@example.com","first_name":"Ada"}"#),
        EventBuilder.line("product.upserted", at: "2026-11-20T09:00:00Z", id: "s1", data: #"{"sku":"TEA-1","name":"Green tea","price":"12.50","currency":"USD"}"#),
        EventBuilder.line("order.placed", at: "2026-11-20T10:00:00Z", id: "o1", data: #"{"order_ref":"FH-1","customer_ref":"C-1","currency":"USD","lines":[{"line_ref":"1","sku":"TEA-1","quantity":2,"unit_price":"12.50"}],"shipping":"4.95"}"#),
        EventBuilder.line("payment.captured", at: "2026-11-20T10:01:00Z", id: "p1", data: #"{"order_ref":"FH-1","payment_ref":"P-1","amount":"29.95","method":"card"}"#),
    ].joined(separator: "\n") + "\n"

    private func environment(_ sandbox: RunningKeapSandbox, key: String = secret) -> [String: String] {
        ["KEAP_BASE_URL": sandbox.baseURL, "KEAP_API_KEY": key, "KEAP_MAX_PER_SECOND": "0", "KEAP_MAX_PER_MINUTE": "0", "KEAP_RETRY_BASE_MS": "2"]
    }

    @Test func syncIngestsAndFlushesAndNoSecretAppearsInOutputOrDatabase() async throws {
        let directory = try TemporaryDirectory(prefix: "keap-ledger-sync-cmd")
        defer { directory.remove() }
        let sandbox = try await KeapSandboxServer.start(host: "127.0.0.1", port: 0, configuration: KeapSandboxConfiguration(apiKey: Self.secret))
        await AwaitedTeardown.add { await sandbox.stop() }
        let env = environment(sandbox)
        let db = directory.path("ledger.sqlite")
        let feed = try directory.write("feed.ndjson", Self.feed)
        var outputs: [String] = []

        let beforeSetup = try await LedgerProcess.runDetached(["sync", feed, "--db", db, "--json"], environment: env)
        outputs += [beforeSetup.stdout, beforeSetup.stderr]
        #expect(beforeSetup.status == 64, "flush before setup is a usage error: \(beforeSetup.stderr)")
        #expect(beforeSetup.stderr.contains("keap-ledger keap setup"))

        let setup = try await LedgerProcess.runDetached(["keap", "setup", "--db", db, "--json"], environment: env)
        outputs += [setup.stdout, setup.stderr]
        #expect(setup.status == 0, "\(setup.stderr)")
        #expect(setup.stdout.contains("\"created\":[\"orders ExternalOrderRef\""))
        let again = try await LedgerProcess.runDetached(["keap", "setup", "--db", db, "--json"], environment: env)
        #expect(again.stdout.contains("\"created\":[]"))

        let dryRun = try await LedgerProcess.runDetached(["outbox", "flush", "--db", db, "--dry-run"], environment: env)
        outputs += [dryRun.stdout, dryRun.stderr]
        #expect(dryRun.status == 0)
        #expect(dryRun.stdout.contains("order/FH-1: POST /v2/orders (FH-1: 2 items, total 29.95 USD)"), "\(dryRun.stdout)")
        #expect(dryRun.stdout.contains("order/FH-1: POST /v2/orders/{id}/payments (P-1: 29.95 USD)"))
        let requestsAfterSetup = await sandbox.snapshot().counters.totalRequests

        #expect(await sandbox.snapshot().orders.isEmpty, "a dry run sends nothing")
        #expect(await sandbox.snapshot().counters.totalRequests == requestsAfterSetup)

        let sync = try await LedgerProcess.runDetached(["sync", feed, "--db", db, "--json"], environment: env)
        outputs += [sync.stdout, sync.stderr]
        #expect(sync.status == 0, "\(sync.stderr)")
        let summary = try #require(JSONSerialization.jsonObject(with: Data(sync.stdout.utf8)) as? [String: [String: Any]])
        #expect(summary["ingest"]?["duplicates"] as? Int == 4)
        #expect(summary["flush"]?["sent"] as? Int == 3)
        let snapshot = await sandbox.snapshot()
        #expect(snapshot.orders(customField: "ExternalOrderRef", equals: "FH-1").first?.total == 2995)

        // A wrong key: exit 69, the key named nowhere.
        let refused = try await LedgerProcess.runDetached(["outbox", "flush", "--db", db], environment: environment(sandbox, key: "wrong-\(Self.secret)"))
        outputs += [refused.stdout, refused.stderr]
        try directory.write("more.ndjson", EventBuilder.line("order.status_changed", at: "2026-11-21T10:00:00Z", id: "st1", data: #"{"order_ref":"FH-1","status":"processing"}"#) + "\n")
        let withWork = try await LedgerProcess.runDetached(["sync", directory.path("more.ndjson"), "--db", db], environment: environment(sandbox, key: "wrong-\(Self.secret)"))
        outputs += [withWork.stdout, withWork.stderr]
        #expect(withWork.status == 69, "\(withWork.stderr)")
        #expect(withWork.stderr.contains("KEAP_API_KEY"))

        for output in outputs { #expect(!output.contains(Self.secret), "the API key leaked: \(output)") }
        let databaseBytes = try Data(contentsOf: URL(fileURLWithPath: db)) + ((try? Data(contentsOf: URL(fileURLWithPath: db + "-wal"))) ?? Data())
        #expect(databaseBytes.range(of: Data(Self.secret.utf8)) == nil, "the API key is in the database")
    }

    /// A database holds the Keap ids of the Keap it was synced to. Pointed at another one (a new tenant, a restored
    /// or replaced account, a fresh sandbox), setup must stop before anything is written there.
    @Test func setupRefusesADatabaseWhoseIdsBelongToAnotherKeap() async throws {
        let directory = try TemporaryDirectory(prefix: "keap-ledger-setup-other")
        defer { directory.remove() }
        let first = try await KeapSandboxServer.start(host: "127.0.0.1", port: 0, configuration: KeapSandboxConfiguration(apiKey: Self.secret))
        await AwaitedTeardown.add { await first.stop() }
        let other = try await KeapSandboxServer.start(host: "127.0.0.1", port: 0, configuration: KeapSandboxConfiguration(apiKey: Self.secret))
        await AwaitedTeardown.add { await other.stop() }
        let db = directory.path("ledger.sqlite")
        let setup = try await LedgerProcess.runDetached(["keap", "setup", "--db", db], environment: environment(first))
        #expect(setup.status == 0, "\(setup.stderr)")
        let rerun = try await LedgerProcess.runDetached(["keap", "setup", "--db", db, "--json"], environment: environment(first))
        #expect(rerun.status == 0, "setup again on the same Keap checks and passes: \(rerun.stderr)")
        #expect(rerun.stdout.contains("\"created\":[]"))

        let refused = try await LedgerProcess.runDetached(["keap", "setup", "--db", db], environment: environment(other))
        #expect(refused.status == 69, "\(refused.stderr)")
        #expect(refused.stderr.contains("custom field orders ExternalOrderRef is recorded as Keap id"), "\(refused.stderr)")
        #expect(refused.stderr.contains("another Keap account"))
        #expect(await other.snapshot().customFields.isEmpty, "nothing is created in the other Keap")
    }

    @Test func aDryRunSaysWhenTheProjectionsAreBehindTheLog() async throws {
        let directory = try TemporaryDirectory(prefix: "keap-ledger-dry-run-lag")
        defer { directory.remove() }
        let sandbox = try await KeapSandboxServer.start(host: "127.0.0.1", port: 0, configuration: KeapSandboxConfiguration(apiKey: Self.secret))
        await AwaitedTeardown.add { await sandbox.stop() }
        let env = environment(sandbox)
        let db = directory.path("ledger.sqlite")
        let feed = try directory.write("feed.ndjson", Self.feed)
        let ingest = try await LedgerProcess.runDetached(["ingest", feed, "--db", db, "--no-project"], environment: env)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(try await LedgerProcess.runDetached(["keap", "setup", "--db", db], environment: env).status == 0)

        let behind = try await LedgerProcess.runDetached(["outbox", "flush", "--db", db, "--dry-run"], environment: env)
        #expect(behind.status == 0)
        #expect(behind.stderr.contains("the projections are 4 events behind the log (seq 1 to 4 not folded yet)"), "\(behind.stderr)")
        #expect(!behind.stdout.contains("order/FH-1"))

        #expect(try await LedgerProcess.runDetached(["project", "--db", db], environment: env).status == 0)
        let caughtUp = try await LedgerProcess.runDetached(["outbox", "flush", "--db", db, "--dry-run"], environment: env)
        #expect(!caughtUp.stderr.contains("behind the log"), "\(caughtUp.stderr)")
        #expect(caughtUp.stdout.contains("order/FH-1: POST /v2/orders (FH-1: 2 items, total 29.95 USD)"), "\(caughtUp.stdout)")
        #expect(await sandbox.snapshot().orders.isEmpty)
    }

    @Test func aSecondFlushOnTheSameDatabaseExitsBusyAtOnce() async throws {
        let directory = try TemporaryDirectory(prefix: "keap-ledger-flush-lock")
        defer { directory.remove() }
        let sandbox = try await KeapSandboxServer.start(host: "127.0.0.1", port: 0, configuration: KeapSandboxConfiguration(apiKey: Self.secret))
        await AwaitedTeardown.add { await sandbox.stop() }
        let db = directory.path("ledger.sqlite")
        _ = try LedgerDatabase(path: db)
        let held = try FlushLock(databasePath: db)
        let second = try await LedgerProcess.runDetached(["outbox", "flush", "--db", db], environment: environment(sandbox))
        #expect(second.status == 75, "\(second.stderr)")
        #expect(second.stderr.contains("another `outbox flush` is running"))
        withExtendedLifetime(held) {}
    }

    @Test func aFlushLockThatCannotBeOpenedExits74NamingThePath() async throws {
        let directory = try TemporaryDirectory(prefix: "keap-ledger-flush-lock-io")
        defer { directory.remove() }
        let sandbox = try await KeapSandboxServer.start(host: "127.0.0.1", port: 0, configuration: KeapSandboxConfiguration(apiKey: Self.secret))
        await AwaitedTeardown.add { await sandbox.stop() }
        let db = directory.path("ledger.sqlite")
        _ = try LedgerDatabase(path: db)
        try FileManager.default.createDirectory(atPath: db + ".flush-lock", withIntermediateDirectories: false)
        let flush = try await LedgerProcess.runDetached(["outbox", "flush", "--db", db], environment: environment(sandbox))
        #expect(flush.status == 74, "\(flush.stderr)")
        #expect(flush.stderr.contains("cannot open the flush lock \(db).flush-lock: "), "\(flush.stderr)")
        #expect(!flush.stderr.contains("try again"))
    }
}

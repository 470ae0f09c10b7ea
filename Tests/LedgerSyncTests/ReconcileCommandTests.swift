import Foundation
import KeapClient
import KeapSandbox
import LedgerTestSupport
import Testing

/// `backup`, `restore`, `reconcile` and `keap relink` as cron and operators run them: the real binary, exit codes,
/// `--json`, the CSV file (issue #11, cli.md).
@Suite("backup, restore, reconcile and relink commands", .awaitedTeardown)
struct ReconcileCommandTests {
    private static let feed = [
        EventBuilder.line("customer.upserted", at: "2026-11-20T09:00:00Z", id: "c1", data: #"{"customer_ref":"C-1","email":"ada@example.com","first_name":"Ada"}"#),
        EventBuilder.line("product.upserted", at: "2026-11-20T09:00:00Z", id: "s1", data: #"{"sku":"TEA-1","name":"Green tea","price":"12.50","currency":"USD"}"#),
        EventBuilder.line("order.placed", at: "2026-11-20T10:00:00Z", id: "o1", data: #"{"order_ref":"FH-1","customer_ref":"C-1","currency":"USD","lines":[{"line_ref":"1","sku":"TEA-1","quantity":2,"unit_price":"12.50"}],"shipping":"4.95"}"#),
        EventBuilder.line("order.placed", at: "2026-11-20T10:00:00Z", id: "o2", data: #"{"order_ref":"FH-2","customer_ref":"C-1","currency":"USD","lines":[{"line_ref":"1","sku":"TEA-1","quantity":1,"unit_price":"12.50"}]}"#),
    ].joined(separator: "\n") + "\n"

    private func environment(_ sandbox: RunningKeapSandbox) -> [String: String] {
        ["KEAP_BASE_URL": sandbox.baseURL, "KEAP_API_KEY": KeapSandboxConfiguration().apiKey, "KEAP_MAX_PER_SECOND": "0", "KEAP_MAX_PER_MINUTE": "0", "KEAP_RETRY_BASE_MS": "2"]
    }

    @Test func backupRestoreAndReconcileKeepTheirExitCodes() async throws {
        let directory = try TemporaryDirectory(prefix: "keap-ledger-reconcile-cmd")
        defer { directory.remove() }
        let sandbox = try await KeapSandboxServer.start(host: "127.0.0.1", port: 0, configuration: KeapSandboxConfiguration())
        await AwaitedTeardown.add { await sandbox.stop() }
        let env = environment(sandbox)
        let db = directory.path("ledger.sqlite")
        let feed = try directory.write("feed.ndjson", Self.feed)
        #expect(try await LedgerProcess.runDetached(["keap", "setup", "--db", db], environment: env).status == 0)
        let sync = try await LedgerProcess.runDetached(["sync", feed, "--db", db], environment: env)
        #expect(sync.status == 0, "\(sync.stderr)")

        // Clean: exit 0, one JSON object with the contract's keys.
        let clean = try await LedgerProcess.runDetached(["reconcile", "--db", db, "--json"], environment: env)
        #expect(clean.status == 0, "\(clean.stderr)")
        let report = try #require(JSONSerialization.jsonObject(with: Data(clean.stdout.utf8)) as? [String: Any])
        #expect(report["checked"] as? Int == 2 && report["ok"] as? Int == 2)
        #expect((report["discrepancies"] as? [Any])?.isEmpty == true)
        #expect(report["calls"] as? Int == 1)

        // A Keap order deleted by hand: exit 65, the CSV names it.
        let keapID = try #require(await sandbox.snapshot().orders(customField: "ExternalOrderRef", equals: "FH-2").first?.id)
        try await KeapClient(configuration: SyncHarness.clientConfiguration(sandbox.baseURL, requestTimeout: .seconds(5))).deleteOrder(id: keapID)
        let csv = directory.path("drift.csv")
        let drift = try await LedgerProcess.runDetached(["reconcile", "--db", db, "--output", csv], environment: env)
        #expect(drift.status == 65)
        #expect(drift.stdout.contains("missing\tFH-2 (Keap \(keapID)) — deleted in Keap"), "\(drift.stdout)")
        let rows = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\r\n")
        #expect(rows.first == "ref,kind,keap_ids,fields,cause")
        #expect(rows.dropFirst().map { $0.split(separator: ",").prefix(3).joined(separator: ",") } == ["FH-2,missing,\(keapID)"])

        // Repaired and sent: clean again, and the audit says who did what.
        #expect(try await LedgerProcess.runDetached(["reconcile", "--db", db, "--fix", "--actor", "night-shift"], environment: env).status == 65)
        #expect(try await LedgerProcess.runDetached(["outbox", "flush", "--db", db], environment: env).status == 0)
        #expect(try await LedgerProcess.runDetached(["reconcile", "--db", db], environment: env).status == 0)
        let audit = try await LedgerProcess.runDetached(["reconcile", "--db", db, "--audit"], environment: env)
        #expect(audit.stdout.contains("\tnight-shift\tFH-2\tmissing\tresend\t"), "\(audit.stdout)")

        // Backup, then restore: into a non-empty ledger only with --force; a missing backup is exit 66.
        let backupPath = directory.path("backup.sqlite")
        let backup = try await LedgerProcess.runDetached(["backup", backupPath, "--db", db, "--json"], environment: env)
        #expect(backup.status == 0, "\(backup.stderr)")
        #expect(backup.stdout.contains("\"head_seq\":4"))
        #expect(try await LedgerProcess.runDetached(["backup", backupPath, "--db", db], environment: env).status == 74, "a backup never overwrites")
        let refused = try await LedgerProcess.runDetached(["restore", backupPath, "--db", db], environment: env)
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("pass --force"))
        #expect(try await LedgerProcess.runDetached(["restore", directory.path("nope.sqlite"), "--db", db], environment: env).status == 66)
        let restored = try await LedgerProcess.runDetached(["restore", backupPath, "--db", db, "--force"], environment: env)
        #expect(restored.status == 0, "\(restored.stderr)")
        #expect(try await LedgerProcess.runDetached(["verify", "--db", db], environment: env).status == 0)

        // The restored ledger looks up first until relink; relink links what Keap has and ends it.
        let relink = try await LedgerProcess.runDetached(["keap", "relink", "--db", db, "--json"], environment: env)
        #expect(relink.status == 0, "\(relink.stderr)")
        #expect(relink.stderr.contains("lookup-first ended"))
        #expect(relink.stdout.contains("\"order\":{\"linked\":0,\"unchanged\":2"), "\(relink.stdout)")
        let flush = try await LedgerProcess.runDetached(["outbox", "flush", "--db", db, "--json"], environment: env)
        #expect(flush.status == 0 && flush.stdout.contains("\"calls\":0"), "\(flush.stdout) \(flush.stderr)")
    }

    @Test func reconcileRefusesMeaninglessOptions() async throws {
        for arguments in [["--fix-duplicates"], ["--sample", "-1"], ["--since", "yesterday"], ["--audit", "--fix"], ["--sample", "3", "--ref", "A"]] {
            let run = try await LedgerProcess.runDetached(["reconcile", "--db", "/nonexistent/ledger.sqlite"] + arguments, environment: [:])
            #expect(run.status == 64, "\(arguments): \(run.stderr)")
        }
    }
}

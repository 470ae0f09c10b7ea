import ArgumentParser
import LedgerSync

/// `keap-ledger keap relink`: rebuilds the ledger's record of Keap ids from Keap by external reference, creating
/// nothing (cli.md, issue #11).
struct KeapRelinkCommand: AsyncFailureReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "relink",
        abstract: "Rebuild the ledger's record of Keap ids from Keap by external reference; creates nothing.",
        discussion: """
            For a ledger whose Keap ids are lost or old (rebuilt from `export`, an old backup restored). Contacts by \
            ExternalCustomerRef then email, products by SKU, orders by ExternalOrderRef (items by line ref, payments \
            by payment ref), subscriptions by ExternalSubscriptionRef. Orders, contacts, products and subscriptions \
            Keap shows exactly as the ledger wants are recorded as confirmed; the next `outbox flush` sends only what \
            differs. --dry-run: report, change nothing. --json: per kind linked, unchanged, ambiguous, not_found; confirmed, calls, seconds. Exit 0; 65 \
            when some refs have several Keap objects (nothing linked for them).
            """
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Report what would be linked; change nothing.")
    var dryRun = false

    func execute() async throws {
        let database = try global.openDatabase()
        let settings = try KeapConnection.settings()
        let summary = try await KeapConnection.withClient { client in
            try await KeapRelinker(database: database, client: client, settings: settings).relink(dryRun: dryRun)
        }
        let kinds = ["contact", "product", "order", "subscription"]
        for kind in kinds {
            for (ref, what) in (summary.kinds[kind]?.ambiguous ?? [:]).sorted(by: { $0.key < $1.key }) {
                StandardStreams.err("ambiguous \(kind) \(ref): \(what)\n")
            }
        }
        for message in summary.messages { StandardStreams.err(message + "\n") }
        if global.json {
            var object = JSONObjectWriter()
            object.add("dry_run", summary.dryRun)
            for kind in kinds {
                let tally = summary.kinds[kind] ?? RelinkSummary.Tally()
                var entry = JSONObjectWriter()
                entry.add("linked", tally.linked)
                entry.add("unchanged", tally.unchanged)
                entry.add("ambiguous", tally.ambiguous.keys.sorted())
                entry.add("not_found", tally.notFound)
                object.add(kind, entry)
            }
            object.add("confirmed", summary.confirmed)
            object.add("calls", summary.calls)
            object.add("seconds", (summary.seconds * 1000).rounded() / 1000)
            StandardStreams.out(object.text + "\n")
        } else {
            for kind in kinds {
                let tally = summary.kinds[kind] ?? RelinkSummary.Tally()
                StandardStreams.out("\(kind)s: \(tally.linked) linked, \(tally.unchanged) already linked, \(tally.ambiguous.count) ambiguous, \(tally.notFound.count) not in Keap\n")
            }
            StandardStreams.out("\(summary.confirmed) confirmed as Keap shows them (orders, contacts, products, subscriptions); \(summary.calls) Keap calls in \(String(format: "%.2f", summary.seconds)) s\(summary.dryRun ? " (dry run: nothing changed)" : "")\n")
        }
        if !summary.isComplete { throw ExitCode(CommandFailure.dataError) }
    }
}

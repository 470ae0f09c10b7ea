import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore
import LedgerSync

/// `keap-ledger reconcile`: what Keap really holds against the ledger, order by order (cli.md, issue #11).
struct ReconcileCommand: AsyncFailureReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Compare what Keap holds with the ledger; report (and with --fix repair) every discrepancy.",
        discussion: """
            Kinds: missing (a complete ledger order Keap does not have), extra (a Keap order with a ref the ledger \
            does not know), duplicate (several Keap orders for one ref), mismatch (content differs; fields name both \
            values), unsent (the outbox knows Keap is behind; shown, not failed on). --json: checked, ok, discrepancies [ref, kind, \
            keap_ids, fields, cause, acknowledged], calls, seconds. Exit 0 when clean, 65 when it found discrepancies \
            other than unsent and those an earlier --fix reported as not the ledger's to change, 69 when \
            Keap refuses the credentials, 75 when Keap is unavailable or another flush holds the database. --fix: \
            missing orders are re-sent, mismatches updated to the ledger's state (the next `outbox flush` sends \
            both), duplicates reported (deleted with --fix-duplicates when they have no payment), extra orders and \
            contact details only reported; every action goes to the audit (`reconcile --audit`).
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "Only orders placed at or after T (RFC 3339 with offset).")
    var since: String?

    @Option(help: "Only orders placed at or before T (RFC 3339 with offset).")
    var until: String?

    @Option(name: .customLong("ref"), help: "Only this order ref (repeatable); each is looked up in Keap by ExternalOrderRef.")
    var refs: [String] = []

    @Option(help: "Check N random synced orders plus every order changed since the last reconcile (a cheap drift check).")
    var sample: Int?

    @Option(help: "The sample's random seed, \(NumericOptions.seedRange) (default: from the clock; printed either way).")
    var seed: UInt64?

    @Flag(help: "Repair through the outbox: re-send missing orders, update mismatched ones (then run `outbox flush`).")
    var fix = false

    @Flag(help: "With --fix: delete the Keap copies of a duplicated order that the ledger is not linked to and that have no payment.")
    var fixDuplicates = false

    @Option(help: "Who is acting, for the audit (default: the OS user).")
    var actor: String?

    @Option(help: "Also write the discrepancies as CSV (ref, kind, keap_ids, fields, cause) to this file.")
    var output: String?

    @Flag(help: "List the audit of past repairs (with --since: from T on) and exit.")
    var audit = false

    func validate() throws {
        for (name, text) in [("--since", since), ("--until", until)] {
            if let text, (try? Timestamp(rfc3339: text)) == nil {
                throw ValidationError("\(name) takes an RFC 3339 time with offset, such as 2026-11-20T14:00:00Z; found \"\(text)\"")
            }
        }
        try NumericOptions.sample.check(sample)
        if fixDuplicates && !fix { throw ValidationError("--fix-duplicates needs --fix") }
        if audit && (fix || sample != nil || !refs.isEmpty) { throw ValidationError("--audit only lists past repairs; it takes --since alone") }
        if sample != nil && !refs.isEmpty { throw ValidationError("--sample and --ref choose orders in different ways; give one of them") }
    }

    func execute() async throws {
        let database = try global.openDatabase()
        let sinceText = since.flatMap { try? Timestamp(rfc3339: $0).utcText }
        if audit {
            try listAudit(database, since: sinceText)
            return
        }
        var options = ReconcileOptions()
        options.since = sinceText
        options.until = until.flatMap { try? Timestamp(rfc3339: $0).utcText }
        options.refs = refs
        options.sample = sample
        options.sampleSeed = seed ?? UInt64(Date().timeIntervalSince1970 * 1000)
        options.fix = fix
        options.fixDuplicates = fixDuplicates
        options.actor = actor ?? ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.userName
        let settings = try KeapConnection.settings()
        let report = try await KeapConnection.withClient { client in
            try await Reconciler(database: database, client: client, settings: settings).reconcile(options)
        }
        for message in report.messages { StandardStreams.err(message + "\n") }
        if let output { try ReconcileCSV.write(report.discrepancies, to: output) }
        StandardStreams.out(global.json ? Self.json(report).text + "\n" : Self.describe(report))
        // unsent is the outbox's business (outbox status, the flush's exit code) and an acknowledged finding was
        // already reported: neither fails a cron run again.
        if report.discrepancies.contains(where: \.needsAttention) { throw ExitCode(CommandFailure.dataError) }
    }

    private func listAudit(_ database: LedgerDatabase, since: String?) throws {
        for entry in try database.auditEntries(since: since) {
            if global.json {
                var object = JSONObjectWriter()
                object.add("at", entry.at)
                object.add("actor", entry.actor)
                object.add("ref", entry.ref)
                object.add("kind", entry.kind)
                object.add("action", entry.action)
                object.add("before", entry.before)
                object.add("after", entry.after)
                object.add("outcome", entry.outcome)
                StandardStreams.out(object.text + "\n")
            } else {
                StandardStreams.out([entry.at, entry.actor, entry.ref, entry.kind, entry.action, entry.before ?? "", entry.after ?? "", entry.outcome]
                    .joined(separator: "\t") + "\n")
            }
        }
    }

    static func json(_ report: ReconcileReport) -> JSONObjectWriter {
        var object = JSONObjectWriter()
        object.add("checked", report.checked)
        object.add("ok", report.ok)
        object.add("discrepancies", report.discrepancies.map { discrepancy in
            var entry = JSONObjectWriter()
            entry.add("ref", discrepancy.ref)
            entry.add("kind", discrepancy.kind.rawValue)
            entry.add("keap_ids", discrepancy.keapIDs)
            entry.add("fields", discrepancy.fields.map { difference in
                var field = JSONObjectWriter()
                field.add("field", difference.field)
                field.add("ledger", difference.ledger)
                field.add("keap", difference.keap)
                return field
            })
            entry.add("cause", discrepancy.cause)
            entry.add("acknowledged", discrepancy.acknowledged)
            return entry
        })
        object.add("calls", report.calls)
        object.add("seconds", (report.seconds * 1000).rounded() / 1000)
        return object
    }

    static func describe(_ report: ReconcileReport) -> String {
        var text = "checked \(report.checked), ok \(report.ok); "
        text += DiscrepancyKind.allCases.map { "\($0.rawValue) \(report.count($0))" }.joined(separator: ", ")
        text += "; \(report.calls) Keap calls in \(String(format: "%.2f", report.seconds)) s\n"
        for discrepancy in report.discrepancies {
            let ids = discrepancy.keapIDs.isEmpty ? "" : " (Keap \(discrepancy.keapIDs.joined(separator: ", ")))"
            let fields = discrepancy.fields.isEmpty ? "" : ": " + discrepancy.fields.map(\.description).joined(separator: "; ")
            let seen = discrepancy.acknowledged ? " (reported before, unchanged)" : ""
            text += "\(discrepancy.kind.rawValue)\t\(discrepancy.ref)\(ids)\(fields) — \(discrepancy.cause)\(seen)\n"
        }
        for action in report.actions {
            text += "fix\t\(action.ref)\t\(action.action): \(action.outcome)\n"
        }
        return text
    }
}

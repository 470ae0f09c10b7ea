import ArgumentParser
import LedgerCore
import LedgerStore

/// `keap-ledger outbox status`: pending, sent, waiting and parked streams per kind, and the oldest pending age.
struct OutboxStatusCommand: FailureReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Count the outbox's streams per kind: pending (to send), in flight (a create's outcome unknown), sent (Keap confirmed), waiting (incomplete), parked (with reasons).",
        discussion: "--json: pending, in_flight, sent, waiting, parked, oldest_pending_seconds, kinds (the same counts per kind). in_flight: streams with a create whose outcome is unknown (the next flush looks it up first)."
    )

    @OptionGroup var global: GlobalOptions

    func execute() throws {
        let database = try global.openDatabase()
        let status = try database.outboxStatus()
        let now = SystemClock().now()
        let age: Int64? = status.oldestPendingSince.map { max(0, now.epochSeconds - $0.epochSeconds) }
        func counts(_ counts: OutboxCounts) -> [(String, Int)] {
            [("pending", counts.pending), ("in_flight", counts.inFlight), ("sent", counts.sent), ("waiting", counts.waiting), ("parked", counts.parked)]
        }
        if global.json {
            var members = counts(status.total).map { JSONMember($0.0, .integer($0.1)) }
            members.append(JSONMember("oldest_pending_seconds", age.map(JSONValue.integer) ?? .null))
            let kinds = StreamKind.allCases.map { kind in
                JSONMember(kind.rawValue, .object(JSONObject(members: counts(status.byKind[kind] ?? OutboxCounts()).map { JSONMember($0.0, .integer($0.1)) })))
            }
            members.append(JSONMember("kinds", .object(JSONObject(members: kinds))))
            StandardStreams.out(JSONWriter.string(.object(JSONObject(members: members))) + "\n")
            return
        }
        var out = "kind\tpending\tin_flight\tsent\twaiting\tparked\n"
        for kind in StreamKind.allCases {
            let row = counts(status.byKind[kind] ?? OutboxCounts()).map { String($0.1) }
            out += kind.rawValue + "\t" + row.joined(separator: "\t") + "\n"
        }
        out += "total\t" + counts(status.total).map { String($0.1) }.joined(separator: "\t") + "\n"
        out += age.map { "oldest pending change: \($0) s ago\n" } ?? "nothing pending\n"
        if !status.parked.isEmpty {
            out += "parked (`keap-ledger outbox retry STREAM` once the cause is fixed):\n"
            for parked in status.parked { out += "  \(parked.stream): \(parked.reason)\n" }
            if status.total.parked > status.parked.count { out += "  … and \(status.total.parked - status.parked.count) more\n" }
        }
        StandardStreams.out(out)
    }
}

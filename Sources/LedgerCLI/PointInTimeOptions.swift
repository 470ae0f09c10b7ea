import ArgumentParser
import LedgerCore
import LedgerStore

/// `--as-of`, `--known-at`, `--at-seq`: which of an order's events a query folds (cli.md).
struct PointInTimeOptions: ParsableArguments {
    @Option(help: "Business time (RFC 3339 with offset): the order as of T, from the events that occurred by T, as known now.")
    var asOf: String?

    @Option(help: "System time (RFC 3339 with offset): the order as the ledger knew it at T (events recorded by T).")
    var knownAt: String?

    @Option(help: "The order as the ledger knew it at this sequence number.")
    var atSeq: Int64?

    func validate() throws {
        for (name, text) in [("--as-of", asOf), ("--known-at", knownAt)] {
            if let text { _ = try Self.timestamp(text, option: name) }
        }
        try NumericOptions.atSeq.check(atSeq)
    }

    var selection: StreamSelection {
        // validate() already parsed both, so these succeed.
        StreamSelection(
            occurredBy: asOf.flatMap { try? Self.timestamp($0, option: "--as-of") },
            recordedBy: knownAt.flatMap { try? Self.timestamp($0, option: "--known-at") },
            throughSeq: atSeq
        )
    }

    /// Words for messages: "as of 2026-11-20T00:00:00Z, known at …".
    var phrase: String? {
        var parts: [String] = []
        if let asOf { parts.append("as of \(asOf)") }
        if let knownAt { parts.append("as known at \(knownAt)") }
        if let atSeq { parts.append("at seq \(atSeq)") }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    /// The order's events under these options, in fold order; an unknown order (or none by then) is a data error.
    func orderEvents(_ ref: String, in database: LedgerDatabase) throws -> [LedgerEvent] {
        let events = try database.streamEvents(StreamKind.order.stream(ref), selection)
        guard !events.isEmpty else {
            let when = phrase.map { " \($0)" } ?? ""
            throw CommandFailure(exitCode: CommandFailure.dataError, message: "no events for order \(ref) in the ledger\(when); check the order_ref (refs are case-sensitive) or list orders with `keap-ledger orders`")
        }
        return events
    }

    private static func timestamp(_ text: String, option: String) throws -> Timestamp {
        do {
            return try Timestamp(rfc3339: text)
        } catch {
            throw ValidationError("\(option) takes an RFC 3339 time with offset, such as 2026-11-20T14:00:00Z; found \"\(text)\"")
        }
    }
}

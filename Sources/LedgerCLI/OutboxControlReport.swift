import LedgerCore

/// The one-line answer of `outbox park` and `outbox retry`.
enum OutboxControlReport {
    static func print(stream: String, status: String, json: Bool) {
        if json {
            StandardStreams.out(JSONWriter.string(.object(["stream": .string(stream), "status": .string(status)])) + "\n")
        } else {
            StandardStreams.out("\(stream): \(status)\n")
        }
    }
}

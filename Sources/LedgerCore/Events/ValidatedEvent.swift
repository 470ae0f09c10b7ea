/// A feed line that passed every rule of the contract, with what the log records about it.
package struct ValidatedEvent: Sendable {
    /// The producer (`"default"` when the line has none).
    package let source: String
    /// The producer's event id, unique per source.
    package let id: String
    package let type: EventType
    /// `<kind>/<ref>`, e.g. `order/FH-10023`.
    package let stream: String
    /// Business time; the line keeps the text as sent.
    package let occurredAt: Timestamp
    /// Data version (`1` when the line has none).
    package let version: Int
    /// The line's JSON value in canonical form with defaults applied: equal bytes mean "the same event".
    /// Empty when the caller asked for the typed event only.
    package let canonicalBytes: [UInt8]
    /// The typed `data`, for the fold: decoded here so that nothing parses the line twice.
    package let payload: EventPayload

    package init(
        source: String, id: String, type: EventType, stream: String, occurredAt: Timestamp, version: Int,
        canonicalBytes: [UInt8], payload: EventPayload
    ) {
        self.source = source
        self.id = id
        self.type = type
        self.stream = stream
        self.occurredAt = occurredAt
        self.version = version
        self.canonicalBytes = canonicalBytes
        self.payload = payload
    }
}

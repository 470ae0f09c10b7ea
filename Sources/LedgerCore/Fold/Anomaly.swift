/// A fact that does not add up, kept as data next to the state it concerns: never dropped, never fatal.
package struct Anomaly: Sendable, Equatable {
    /// The event that raised it.
    package let seq: Int64
    package let eventID: String
    package let eventType: EventType
    package let code: AnomalyCode
    /// For the operator: what was found, with refs and amounts.
    package let message: String

    package init(event: LedgerEvent, code: AnomalyCode, message: String) {
        seq = event.seq
        eventID = event.id
        eventType = event.type
        self.code = code
        self.message = message
    }
}

/// How one stream's flush attempt ended, as the outbox records it.
package enum FlushOutcome: Sendable, Equatable {
    /// Keap now shows the state sent: `confirmedJSON` is that KeapView; `note` is kept for the operator (a payment
    /// that could not be sent, for example) without failing the stream.
    case confirmed(hash: [UInt8], version: Int64, confirmedJSON: [UInt8], note: String?)
    /// May succeed later: counts as an attempt; parked once the attempts reach the limit.
    case failed(message: String)
    /// Will not succeed as sent (Keap refused it, or its totals disagree with the ledger's): parked now.
    case refused(message: String)
}

/// What an operator did to an outbox stream (`outbox park` / `outbox retry`).
package enum OutboxControl: Sendable, Equatable {
    /// Stop sending the stream until it is retried.
    case park(reason: String)
    /// Send the stream again from scratch: clear its failures, pending if Keap has not confirmed its desired state.
    case retry
}

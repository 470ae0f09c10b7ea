/// How many streams of one kind (or all) are in each outbox state.
package struct OutboxCounts: Sendable, Equatable {
    /// Ready, and what Keap should show differs from what it confirmed: the next flush sends these.
    package var pending = 0
    /// Keap confirmed exactly the desired state.
    package var sent = 0
    /// Not ready to send: orders without `order.placed`, subscriptions without their start.
    package var waiting = 0
    /// Stopped after repeated failures or by an operator, until `outbox retry`.
    package var parked = 0
    /// Streams with a create whose outcome is unknown (an intent without a Keap id): the next flush looks it up in
    /// Keap before creating again. Counted apart: such a stream is also pending or parked.
    package var inFlight = 0

    package init() {}
}

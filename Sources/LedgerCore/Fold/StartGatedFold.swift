/// A stream that means nothing until its start event (`order.placed`, `subscription.started`): the events before it
/// wait, and are applied after it, each flagged `before_start` (they occurred before the thing existed).
///
/// One implementation of that rule for orders and subscriptions; each supplies how to start and how to change.
protocol StartGatedFold {
    var isComplete: Bool { get }
    var waiting: [LedgerEvent] { get set }
    var anomalies: [Anomaly] { get set }
    var progress: StreamProgress { get set }
    /// The event type that starts the stream.
    static var startType: EventType { get }
    /// Applies the start event.
    mutating func start(with event: LedgerEvent)
    /// Applies any event to a started stream.
    mutating func change(with event: LedgerEvent)
}

extension StartGatedFold {
    mutating func applyGated(_ event: LedgerEvent) {
        progress.record(event)
        guard isComplete else {
            guard event.type == Self.startType else {
                waiting.append(event)
                return
            }
            start(with: event)
            let held = waiting
            waiting = []
            for early in held {
                anomalies.append(Anomaly(
                    event: early, code: .beforeStart,
                    message: "\(early.type.rawValue) occurred at \(early.occurredAt) before \(Self.startType.rawValue) (\(event.occurredAt)); applied after it"
                ))
                change(with: early)
            }
            return
        }
        change(with: event)
    }
}

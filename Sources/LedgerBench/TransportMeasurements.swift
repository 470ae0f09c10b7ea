/// What `TimingTransport` has seen so far. Cumulative, so a phase (setup, flush) is the difference of two copies.
struct TransportMeasurements: Sendable {
    /// When each request was handed to the real transport, as offsets from the decorator's creation, in hand-over
    /// order. That is right after the client's rate limiter granted it, which is what the sliding windows check.
    var sends: [Duration] = []
    /// How long each request took, from hand-over to answer (or transport error), in completion order.
    var callDurations: [Duration] = []
    /// The sum of every call's duration: with several streams at once this exceeds the wall time.
    var callTime: Duration = .zero
    /// Wall time with at least one request in flight: the share of the run the process was waiting on HTTP.
    var busyTime: Duration = .zero
    /// HTTP answers by status (2xx included), and requests that got no HTTP answer at all.
    var statuses: [Int: Int] = [:]
    var transportErrors = 0
    /// How long each request that got no HTTP answer took to fail (a dropped connection: how soon it was noticed).
    var transportErrorDurations: [Duration] = []

    /// Bookkeeping for `busyTime`.
    var inFlight = 0
    var busySince: Duration = .zero
}

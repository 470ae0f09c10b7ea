/// Which client-side pacing the flush bench runs under.
enum LimiterMode: String, Sendable {
    /// `KeapClientConfiguration`'s defaults (10/s, 240/min, the Service Account Key budget): measures that the
    /// limiter keeps every sliding window within budget over a real run.
    case `default`
    /// `maxPerSecond = 0, maxPerMinute = 0`: no pacing, so the run shows how fast the flush itself can go.
    case off
}

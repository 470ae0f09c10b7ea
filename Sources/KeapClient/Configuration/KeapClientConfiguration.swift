/// Where Keap is, how to authenticate, and how politely to call it.
package struct KeapClientConfiguration: Sendable {
    /// The production base; the client appends `/v2/...` to whatever base is configured.
    package static let defaultBaseURL = "https://api.infusionsoft.com/crm/rest"

    /// E.g. `https://api.infusionsoft.com/crm/rest` or `http://127.0.0.1:PORT` (the sandbox); no trailing `/v2`.
    package var baseURL: String
    package var credentials: KeapCredentials
    /// Requests per sliding second, 0 = unlimited (Service Account Key budget: 10/s).
    package var maxPerSecond: Int = 10
    /// Requests per sliding minute, 0 = unlimited (Service Account Key budget: 240/min).
    package var maxPerMinute: Int = 240
    /// How long one try may wait for an answer before it counts as timed out (an unknown outcome for a POST).
    package var requestTimeout: Duration = .seconds(30)
    /// Tries per call for failures that may be tried again (the first try included).
    package var maxTries: Int = 4
    /// Full-jitter backoff: the sleep before retry n is random in 0...min(cap, base * 2^n).
    package var backoffBase: Duration = .seconds(1)
    package var backoffCap: Duration = .seconds(60)
    /// Not in the contract, additive: how long every request waits after a 429 (the server says the window is spent).
    package var throttlePause: Duration = .seconds(1)
    /// How much longer than its window each request keeps counting in the rate limiter, so that network jitter
    /// between our send and Keap's arrival time cannot push a request into a window Keap still counts as full.
    package var rateWindowMargin: Duration = .milliseconds(100)
    /// Not in the contract, additive: `page_size` of list calls (Keap allows 0...1000).
    package var pageSize: Int = 200
    /// Not in the contract, additive (plan 6.6.3): when true, a POST answered 429 is reported as an unknown outcome
    /// (lookup first) instead of being re-sent. Default false: a 429 proves the POST was not applied.
    package var strictPostRetry: Bool = false

    package init(baseURL: String, credentials: KeapCredentials) {
        self.baseURL = baseURL
        self.credentials = credentials
    }
}

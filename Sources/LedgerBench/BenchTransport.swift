import KeapClient

/// Which HTTP stack the flush bench's client uses, so both can be measured in one run of the same build.
enum BenchTransport: String, Sendable {
    /// `AsyncHTTPClientTransport`: the production transport.
    case asynchttpclient
    /// `URLSessionTransport` (FoundationNetworking): the one it replaced, kept for this comparison.
    case urlsession

    func make(requestTimeout: Duration) -> any HTTPTransport {
        switch self {
        case .asynchttpclient: AsyncHTTPClientTransport(requestTimeout: requestTimeout)
        case .urlsession: URLSessionTransport(requestTimeout: requestTimeout)
        }
    }
}

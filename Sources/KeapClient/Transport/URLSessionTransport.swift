import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import LedgerCore

/// `HTTPTransport` over FoundationNetworking's `URLSession`: ships with the toolchain, so no extra build cost
/// (keap-sync-plan.md §5). One session per transport, and the client keeps one transport per process: on Linux each
/// session has its own threads and many short-lived sessions have leaked historically.
package final class URLSessionTransport: HTTPTransport, @unchecked Sendable {
    // @unchecked: URLSession is thread-safe by contract but not annotated Sendable in every Foundation build.
    private let session: URLSession
    /// The session's delegate: answers authentication challenges with their own 401 (see its comment).
    private let challenges = URLSessionChallengeRefusal()

    /// `requestTimeout` is the idle timeout of one try; the whole try is also bounded by twice that, so a server
    /// trickling bytes cannot hold a call forever.
    package init(requestTimeout: Duration) {
        let configuration = URLSessionConfiguration.ephemeral
        let seconds = requestTimeout.seconds
        configuration.timeoutIntervalForRequest = seconds
        configuration.timeoutIntervalForResource = seconds * 2
        // Keap answers are state, not documents: a cached GET would hide a change the flush must see.
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        // No cookies: every request authenticates with its own header, and nothing should persist between runs.
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        session = URLSession(configuration: configuration, delegate: challenges, delegateQueue: nil)
    }

    deinit {
        session.finishTasksAndInvalidate()
    }

    package func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        guard let url = URL(string: request.url) else {
            // Nothing left the process.
            throw TransportError(.cannotConnect, detail: "invalid URL")
        }
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = request.method
        for (name, value) in request.headers {
            urlRequest.setValue(value, forHTTPHeaderField: name)
        }
        if !request.body.isEmpty {
            urlRequest.httpBody = Data(request.body)
        }
        // A data task with a completion handler rather than `data(for:)`: the challenge delegate needs the task's
        // identifier to hand its 401 back, and only a task made here has one known to `send`.
        let handle = URLSessionTaskHandle()
        let (data, response, error, refusal) = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<(Data?, URLResponse?, (any Error)?, HTTPURLResponse?), Never>) in
                let task = session.dataTask(with: urlRequest) { [challenges] data, response, error in
                    // Runs after `resume()`, so after `attach`.
                    continuation.resume(returning: (data, response, error, challenges.takeRefusal(of: handle.taskIdentifier)))
                }
                handle.attach(task)
                task.resume()
            }
        } onCancel: {
            handle.cancel()
        }
        if let refusal {
            // The server refused the credentials with a challenge: its 401, without the body the challenge withheld.
            return HTTPResponse(status: refusal.statusCode, headers: Self.headers(of: refusal), body: [])
        }
        if let error {
            if let urlError = error as? URLError { throw Self.transportError(for: urlError) }
            throw TransportError(.other, detail: "\(type(of: error))")
        }
        guard let http = response as? HTTPURLResponse else {
            throw TransportError(.connectionLost, detail: "the answer was not HTTP")
        }
        return HTTPResponse(status: http.statusCode, headers: Self.headers(of: http), body: [UInt8](data ?? Data()))
    }

    /// Header names lower-cased (HTTP names are case-insensitive; Keap sends `x-keap-*` in lower case).
    private static func headers(of response: HTTPURLResponse) -> [String: String] {
        var headers: [String: String] = [:]
        for (name, value) in response.allHeaderFields {
            headers[String(describing: name).lowercased()] = String(describing: value)
        }
        return headers
    }

    /// Whether the request can have reached the server decides the kind (and so whether a POST may be re-sent).
    static func transportError(for error: URLError) -> TransportError {
        let detail = "URLError \(error.code.rawValue)"
        switch error.code {
        case .cannotConnectToHost, .cannotFindHost, .dnsLookupFailed, .notConnectedToInternet,
             .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
             .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot, .clientCertificateRejected,
             .clientCertificateRequired, .unsupportedURL, .badURL:
            return TransportError(.cannotConnect, detail: detail)
        case .timedOut:
            return TransportError(.timedOut, detail: detail)
        case .networkConnectionLost, .badServerResponse, .cannotParseResponse, .zeroByteResource,
             .cannotDecodeRawData, .cannotDecodeContentData, .dataLengthExceedsMaximum, .resourceUnavailable:
            return TransportError(.connectionLost, detail: detail)
        default:
            return TransportError(.other, detail: detail)
        }
    }
}


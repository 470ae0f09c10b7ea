import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization

/// The session delegate that turns an HTTP authentication challenge back into the 401 it came from.
///
/// FoundationNetworking on Linux suspends a task forever when a 401 carries `WWW-Authenticate: Basic` (or another
/// scheme it can answer) and nobody provides credentials: not even the request timeout ends it (measured: a
/// `keap setup` against such a server was still waiting after 120 s; swift-corelibs-foundation#5456). RFC 6749 makes
/// an OAuth token endpoint answer a bad client that way. The client never answers challenges (its credentials are in
/// its own headers), so this delegate cancels each one, keeping the challenge's 401 response for `send` to return.
final class URLSessionChallengeRefusal: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    // @unchecked: the only state is behind the Mutex; NSObject is not Sendable.
    private let refused = Mutex<[Int: HTTPURLResponse]>([:])

    func urlSession(_ session: URLSession, task: URLSessionTask, didReceive challenge: URLAuthenticationChallenge,
                    completionHandler: @escaping (URLSession.AuthChallengeDisposition, URLCredential?) -> Void) {
        if let response = challenge.failureResponse as? HTTPURLResponse {
            let identifier = task.taskIdentifier
            refused.withLock { $0[identifier] = response }
        }
        // The task then completes at once with URLError.cancelled; `send` looks the response up by the task's id.
        completionHandler(.cancelAuthenticationChallenge, nil)
    }

    /// The 401 whose challenge was cancelled for task `identifier`, once.
    func takeRefusal(of identifier: Int) -> HTTPURLResponse? {
        refused.withLock { $0.removeValue(forKey: identifier) }
    }
}

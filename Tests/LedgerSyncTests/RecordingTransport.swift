import KeapClient
import LedgerSync
import LedgerThreads
import Synchronization

/// Wraps the harness's real transport and notes, per request, how long it took, how it ended, and whether it was
/// sent from the flush's writer thread. Every request still goes over HTTP to the sandbox.
final class RecordingTransport: HTTPTransport {
    struct Call: Sendable {
        let method: String
        let url: String
        let duration: Duration
        /// The HTTP status, or nil when the transport failed.
        let status: Int?
        let failure: TransportError.Kind?
        let onWriter: Bool
    }

    private let wrapped: any HTTPTransport
    private let writer: ThreadExecutor?
    private let log = Mutex<[Call]>([])

    init(wrapping wrapped: any HTTPTransport, writer: ThreadExecutor? = nil) {
        self.wrapped = wrapped
        self.writer = writer
    }

    var calls: [Call] { log.withLock { $0 } }

    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        let onWriter = writer?.isCurrent ?? false
        let started = ContinuousClock.now
        do {
            let response = try await wrapped.send(request)
            let call = Call(method: request.method, url: request.url, duration: ContinuousClock.now - started,
                            status: response.status, failure: nil, onWriter: onWriter)
            log.withLock { $0.append(call) }
            return response
        } catch {
            let call = Call(method: request.method, url: request.url, duration: ContinuousClock.now - started,
                            status: nil, failure: error.kind, onWriter: onWriter)
            log.withLock { $0.append(call) }
            throw error
        }
    }

    func shutdown() async {
        await wrapped.shutdown()
    }
}

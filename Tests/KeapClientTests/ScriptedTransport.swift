import KeapClient
import Synchronization

/// A transport stub for the classification table: answers each request with the next scripted result and records
/// what was sent. The end-to-end tests run against the Keap sandbox; this only drives the client's decisions.
final class ScriptedTransport: HTTPTransport {
    enum Step: Sendable {
        case answer(HTTPResponse)
        case fail(TransportError.Kind)
    }

    private let steps: Mutex<[Step]>
    private let sent = Mutex<[HTTPRequest]>([])

    init(_ steps: [Step]) {
        self.steps = Mutex(steps)
    }

    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        sent.withLock { $0.append(request) }
        let step = steps.withLock { steps -> Step? in steps.isEmpty ? nil : steps.removeFirst() }
        switch step {
        case .answer(let response)?: return response
        case .fail(let kind)?: throw TransportError(kind, detail: "scripted \(kind.rawValue)")
        case nil: return HTTPResponse(status: 599, body: Array(#"{"message":"script exhausted"}"#.utf8))
        }
    }

    var requests: [HTTPRequest] { sent.withLock { $0 } }
}

extension HTTPResponse {
    static func json(_ status: Int, _ body: String) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: Array(body.utf8))
    }
}

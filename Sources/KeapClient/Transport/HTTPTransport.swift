/// Sends one HTTP request and returns the answer, whatever its status: status handling, retries and pacing are the
/// client's job, so that every transport (URLSession, a test stub, another HTTP stack) behaves the same way.
package protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse
}

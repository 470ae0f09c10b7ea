/// Sends one HTTP request and returns the answer, whatever its status: status handling, retries and pacing are the
/// client's job, so that every transport (AsyncHTTPClient, URLSession, a test stub) behaves the same way.
package protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse
    /// Releases what the transport holds (connections, threads) once its owner is done; safe to call more than once.
    /// A transport that holds nothing needs nothing here (the default).
    func shutdown() async
}

extension HTTPTransport {
    package func shutdown() async {}
}

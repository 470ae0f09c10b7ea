#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KeapClient
import Testing

@Suite("URLSessionTransport against a closed port")
struct URLSessionTransportTests {
    /// A loopback port that nothing listens on: bind an ephemeral port, read it, close the socket.
    static func closedPort() throws -> Int {
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(bound == 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        try #require(named == 0)
        return Int(UInt16(bigEndian: address.sin_port))
    }

    @Test("a refused POST is retryable (not applied), and every try is counted")
    func refusedPost() async throws {
        let port = try Self.closedPort()
        var configuration = KeapClientConfiguration(baseURL: "http://127.0.0.1:\(port)", credentials: .apiKey(KeapSecret(TestClients.apiKey)))
        configuration.maxTries = 3
        configuration.backoffBase = .milliseconds(1)
        configuration.backoffCap = .milliseconds(5)
        configuration.requestTimeout = .seconds(5)
        let client = KeapClient(configuration: configuration)
        do {
            _ = try await client.createOrder(KeapOrderCreateRequest(
                contactID: "5", orderTitle: "FH-1", orderTime: "2026-01-02T03:04:05Z", orderType: "ONLINE",
                items: [], customFields: []))
            Issue.record("a closed port answered")
        } catch {
            #expect(error.kind == .retryable)
            #expect(error.status == nil)
            #expect(error.method == "POST")
            #expect(error.path == "/v2/orders")
            #expect(!"\(error)".contains(TestClients.apiKey))
        }
        #expect(client.requestsSent == 3)
    }

    @Test("URLError codes map to the transport kinds")
    func mapping() async throws {
        let port = try Self.closedPort()
        let transport = URLSessionTransport(requestTimeout: .seconds(5))
        do {
            _ = try await transport.send(HTTPRequest(method: "GET", url: "http://127.0.0.1:\(port)/v2/orders"))
            Issue.record("a closed port answered")
        } catch {
            #expect(error.kind == .cannotConnect)
        }
    }
}

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import KeapSandbox
import LedgerCore
import LedgerTestSupport
import Testing

@Suite(.awaitedTeardown) struct SandboxLifecycleTests {
    /// No wall-clock bound (a loaded CI machine makes any bound a guess): what "promptly" means is that `stop()`
    /// closes idle keep-alive connections itself instead of waiting for their clients, so when it returns the
    /// connection already reads end-of-stream; a stop that waited for them would hang, and the time limit says so.
    @Test(.timeLimit(.minutes(1))) func stopClosesIdleKeepAliveConnectionsAndEndsTheServer() async throws {
        let fixture = try await SandboxFixture.start()
        // Leaves keep-alive connections open, which a graceful stop must close: a bare one, and URLSession's.
        let socket = try RawHTTPConnection(port: fixture.sandbox.port)
        defer { socket.close() }
        #expect(try socket.exchange("GET /v2/orders HTTP/1.1\r\nHost: x\r\nX-Keap-API-Key: sandbox-key\r\n\r\n").hasPrefix("HTTP/1.1 200"))
        #expect(try await fixture.client.send("GET", "/v2/orders").status == 200)
        await fixture.stop()
        #expect(socket.readsEndOfStream(), "the idle keep-alive connection is still open after stop() returned")
        await #expect(throws: (any Error).self) {
            _ = try await fixture.client.send("GET", "/v2/orders", timeout: 2)
        }
    }

    @Test func runReportsTheListeningPort() async throws {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let server = Task {
            try await KeapSandboxServer.run(host: "127.0.0.1", port: 0, configuration: KeapSandboxConfiguration()) { port in
                continuation.yield(port)
            }
        }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        #expect(port > 0)
        let client = SandboxHTTPClient(baseURL: "http://127.0.0.1:\(port)")
        #expect(try await client.send("GET", "/v2/orders/model").status == 200)
        server.cancel()
        _ = await server.result
    }

    /// On a reused keep-alive connection URLSession (libcurl) does not report the drop as a lost connection: it
    /// waits until its request timeout. Either way the caller gets an error, and the POST was applied exactly once.
    @Test func dropOnAReusedURLSessionConnectionIsAnErrorAndAppliedOnce() async throws {
        let fixture = try await SandboxFixture.start()
        await AwaitedTeardown.add { await fixture.stop() }
        #expect(try await fixture.client.send("GET", "/v2/contacts").status == 200)
        await fixture.sandbox.setFaults(SandboxFaultPlan(seed: 1, probability: 1, kinds: [.dropAfterApply], methods: ["POST"], maxFaults: 1))
        await #expect(throws: (any Error).self) {
            _ = try await fixture.client.send("POST", "/v2/contacts", body: #"{"email_addresses":[{"email":"reuse@example.com"}]}"#, timeout: 2)
        }
        let snapshot = await fixture.sandbox.snapshot()
        #expect(snapshot.calls.filter { $0.method == "POST" }.count == 1)
        #expect(snapshot.contacts.count == 1)
    }

    /// At the socket level: the answer to a dropped request is end-of-stream with not one byte, on a connection that
    /// already served a request (so it is the drop, not a refused connection).
    @Test func dropClosesTheTCPConnectionWithoutAnyResponseByte() async throws {
        let fixture = try await SandboxFixture.start()
        await AwaitedTeardown.add { await fixture.stop() }
        await fixture.sandbox.setFaults(SandboxFaultPlan(seed: 1, probability: 1, kinds: [.dropAfterApply], methods: ["POST"]))
        let socket = try RawHTTPConnection(port: fixture.sandbox.port)
        defer { socket.close() }
        let first = try socket.exchange("GET /v2/products HTTP/1.1\r\nHost: x\r\nX-Keap-API-Key: sandbox-key\r\n\r\n")
        #expect(first.hasPrefix("HTTP/1.1 200"))
        let body = #"{"name":"D","price":1,"short_description":"d"}"#
        let dropped = try socket.exchange("POST /v2/products HTTP/1.1\r\nHost: x\r\nX-Keap-API-Key: sandbox-key\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
        #expect(dropped.isEmpty)
        #expect(await fixture.sandbox.snapshot().products.count == 1)
    }
}

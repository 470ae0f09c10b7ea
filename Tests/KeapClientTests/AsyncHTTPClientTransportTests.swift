import Foundation
import KeapClient
import KeapSandbox
import Testing

/// The production transport against the sandbox over real HTTP on 127.0.0.1: what a dropped connection costs, whether
/// a body survives a retry, whether connections are reused, and how a connection that never opened (closed port,
/// failed TLS handshake) is classified.
///
/// No wall-clock bound: "noticed, not timed out" is proved by making the timeout unreachable. The tests that ask it
/// run with a one-hour request timeout under a five-minute `.timeLimit`, so a drop that was waited out instead of
/// noticed hangs past the limit and fails, while load (the whole suite on two shared cores once took 36 s against
/// an earlier 15 s bound) cannot. How fast a drop is noticed (milliseconds) is measured by
/// `keap-ledger-bench flush --fault-rate`, on a quiet machine, where a figure means something.
@Suite("AsyncHTTPClientTransport against the sandbox")
struct AsyncHTTPClientTransportTests {
    static let apiKey = "transport-key"

    /// The production configuration (4 tries) with the limiter off, a short backoff and the unreachable timeout: what
    /// is tested is the transport, not the pacing.
    static func configuration(_ baseURL: String) -> KeapClientConfiguration {
        var configuration = KeapClientConfiguration(baseURL: baseURL, credentials: .apiKey(KeapSecret(apiKey)))
        #expect(configuration.requestTimeout == .seconds(30), "the production default")
        configuration.requestTimeout = unreachableTimeout
        configuration.maxPerSecond = 0
        configuration.maxPerMinute = 0
        configuration.backoffBase = .milliseconds(2)
        configuration.backoffCap = .milliseconds(20)
        return configuration
    }

    static func sandbox(faults: SandboxFaultPlan = .none) async throws -> RunningKeapSandbox {
        try await KeapSandboxServer.start(host: "127.0.0.1", port: 0, configuration: KeapSandboxConfiguration(apiKey: apiKey, faults: faults))
    }

    static let product = KeapProductRequest(name: "Green tea", sku: "TEA-1", priceMinor: 1250, shortDescription: "tea")

    /// A request timeout no test can reach within its `.timeLimit`: ending at all proves a drop was noticed.
    static let unreachableTimeout = Duration.seconds(3600)

    @Test("a POST whose connection is dropped after Keap applied it is an unknown outcome, not a timeout", .timeLimit(.minutes(5)))
    func droppedPost() async throws {
        let sandbox = try await Self.sandbox(faults: SandboxFaultPlan(seed: 1, probability: 1, kinds: [.dropAfterApply], methods: ["POST"]))
        let client = KeapClient(configuration: Self.configuration(sandbox.baseURL))
        var failure: KeapCallError?
        do {
            _ = try await client.createProduct(Self.product)
        } catch {
            failure = error
        }
        #expect(failure?.kind == .unknownOutcome)
        #expect(failure?.status == nil)
        // Sent once (a POST is never re-sent blind), and applied: the lookup of rule 2 will find it.
        #expect(client.requestsSent == 1)
        let snapshot = await sandbox.snapshot()
        #expect(snapshot.products.map(\.sku) == ["TEA-1"])
        #expect(snapshot.calls.map(\.fault) == ["dropAfterApply"])
        await client.shutdown()
        await sandbox.stop()
    }

    @Test("a GET whose connection is dropped is retried at once; dropped every time it is retryable, never timed out", .timeLimit(.minutes(5)))
    func droppedGet() async throws {
        let sandbox = try await Self.sandbox(faults: SandboxFaultPlan(seed: 1, probability: 1, kinds: [.dropAfterApply], methods: ["GET"], maxFaults: 2))
        let client = KeapClient(configuration: Self.configuration(sandbox.baseURL))
        let fields = try await client.customFieldModel(.orders)
        #expect(fields.isEmpty)
        #expect(client.requestsSent == 3)

        await sandbox.setFaults(SandboxFaultPlan(seed: 2, probability: 1, kinds: [.dropAfterApply], methods: ["GET"]))
        var failure: KeapCallError?
        do {
            _ = try await client.customFieldModel(.orders)
        } catch {
            failure = error
        }
        #expect(failure?.kind == .retryable)
        #expect(failure?.message.contains("gave up after 4 tries") == true, "\(String(describing: failure))")
        #expect(client.requestsSent == 7)
        await client.shutdown()
        await sandbox.stop()
    }

    @Test("a PATCH re-sent after a dropped connection arrives with its body")
    func bodySurvivesRetry() async throws {
        let sandbox = try await Self.sandbox()
        let client = KeapClient(configuration: Self.configuration(sandbox.baseURL))
        let created = try await client.createProduct(Self.product)
        await sandbox.setFaults(SandboxFaultPlan(seed: 1, probability: 1, kinds: [.dropAfterApply], methods: ["PATCH"], maxFaults: 2))
        var change = Self.product
        change.name = "Green tea, loose"
        let updated = try await client.updateProduct(id: created.id, change, updateMask: ["name"])
        #expect(updated.name == "Green tea, loose")
        let snapshot = await sandbox.snapshot()
        // Three PATCHes reached the sandbox (two dropped after applying, one answered), none refused for a missing
        // or empty body: the sandbox answers 400 to a PATCH without one.
        #expect(snapshot.calls.filter { $0.method == "PATCH" }.map(\.status) == [nil, nil, 200])
        #expect(snapshot.products.map(\.name) == ["Green tea, loose"])
        await client.shutdown()
        await sandbox.stop()
    }

    @Test("sequential calls reuse one pooled connection")
    func connectionsAreReused() async throws {
        let sandbox = try await Self.sandbox()
        let client = KeapClient(configuration: Self.configuration(sandbox.baseURL))
        for _ in 0..<20 { _ = try await client.customFieldModel(.orders) }
        // Every TCP socket on the sandbox's port but the listener: one open connection (one or both of its ends,
        // as the kernel lists them); a connection per call would leave some 20 sockets, open or in TIME_WAIT.
        let sockets = try TCPSockets.count(port: sandbox.port)
        #expect((1...2).contains(sockets), "\(sockets) sockets on port \(sandbox.port) after 20 calls")
        await client.shutdown()
        await sandbox.stop()
    }

    @Test("a closed port is cannotConnect: a POST is retried (not applied), every try counted")
    func closedPort() async throws {
        let port = try URLSessionTransportTests.closedPort()
        var configuration = Self.configuration("http://127.0.0.1:\(port)")
        configuration.maxTries = 3
        let transport = AsyncHTTPClientTransport(requestTimeout: .seconds(5))
        do {
            _ = try await transport.send(HTTPRequest(method: "GET", url: "http://127.0.0.1:\(port)/v2/orders"))
            Issue.record("a closed port answered")
        } catch {
            #expect(error.kind == .cannotConnect, "\(error)")
        }
        await transport.shutdown()
        let client = KeapClient(configuration: configuration)
        do {
            _ = try await client.createProduct(Self.product)
            Issue.record("a closed port answered")
        } catch {
            #expect(error.kind == .retryable)
            #expect(error.status == nil)
        }
        #expect(client.requestsSent == 3)
        await client.shutdown()
    }

    @Test("a host that does not resolve is cannotConnect, named, with DNS as the reason", .timeLimit(.minutes(2)))
    func unresolvableHost() async throws {
        let transport = AsyncHTTPClientTransport(requestTimeout: .seconds(30))
        do {
            // `.invalid` never resolves (RFC 2606).
            _ = try await transport.send(HTTPRequest(method: "GET", url: "http://keap-ledger-test.invalid/v2/orders"))
            Issue.record("an unresolvable host answered")
        } catch {
            #expect(error.kind == .cannotConnect, "\(error)")
            #expect("\(error)".contains("could not resolve host keap-ledger-test.invalid (DNS"), "\(error)")
        }
        await transport.shutdown()
    }

    @Test("https to a server that does not speak TLS fails the handshake: cannotConnect, not a timeout", .timeLimit(.minutes(5)))
    func tlsHandshakeFailure() async throws {
        let sandbox = try await Self.sandbox()
        let transport = AsyncHTTPClientTransport(requestTimeout: Self.unreachableTimeout)
        do {
            _ = try await transport.send(HTTPRequest(method: "POST", url: "https://127.0.0.1:\(sandbox.port)/v2/products", body: Array("{}".utf8)))
            Issue.record("a plain HTTP server answered over TLS")
        } catch {
            // No request is written before the handshake completes, so even a POST was not applied.
            #expect(error.kind == .cannotConnect, "\(error)")
        }
        #expect(await sandbox.snapshot().products.isEmpty)
        await transport.shutdown()
        await sandbox.stop()
    }

    @Test("after shutdown a send fails as cannotConnect, and a second shutdown is harmless")
    func shutdownTwice() async throws {
        let sandbox = try await Self.sandbox()
        let transport = AsyncHTTPClientTransport(requestTimeout: .seconds(5))
        await transport.shutdown()
        await transport.shutdown()
        do {
            _ = try await transport.send(HTTPRequest(method: "GET", url: sandbox.baseURL + "/v2/orders"))
            Issue.record("a shut-down transport sent")
        } catch {
            #expect(error.kind == .cannotConnect, "\(error)")
        }
        await sandbox.stop()
    }

    @Test("a transport dropped without shutdown closes itself instead of crashing")
    func droppedWithoutShutdown() async throws {
        let sandbox = try await Self.sandbox()
        do {
            let client = KeapClient(configuration: Self.configuration(sandbox.baseURL))
            _ = try await client.customFieldModel(.orders)
        }
        // AsyncHTTPClient asserts (in debug builds) that a client is shut down before its deinit: reaching this line
        // in this debug test build is the check. Give the pool's shutdown a moment on the event loop.
        try await Task.sleep(for: .milliseconds(100))
        await sandbox.stop()
    }
}

import KeapClient
import Testing

/// The error-classification table of keap-sync-plan.md 6.4, driven through the real client with scripted answers.
@Suite("Error classification")
struct ClassificationTests {
    enum Method: String, Sendable { case get = "GET", patch = "PATCH", delete = "DELETE", post = "POST" }
    /// nil = success.
    typealias Expected = KeapCallError.Kind?

    struct Row: Sendable, CustomTestStringConvertible {
        let method: Method
        let steps: [ScriptedTransport.Step]
        let expected: Expected
        let tries: Int
        let label: String
        var testDescription: String { "\(method.rawValue) \(label) -> \(expected.map(\.rawValue) ?? "ok") after \(tries)" }
    }

    static let throttled = HTTPResponse.json(429, #"{"code":"429","message":"Quota Exceeded","status":"Request Throttled"}"#)
    static func error(_ status: Int) -> HTTPResponse {
        .json(status, #"{"code":\#(status),"message":"Keap says \#(status)","status":"x","details":[{"domain":"d","resource":"r"}]}"#)
    }
    static let order = HTTPResponse.json(200, TestClients.orderJSON)
    static let created = HTTPResponse.json(201, TestClients.orderJSON)
    static let unreadable = HTTPResponse(status: 200, body: Array("<html>ok</html>".utf8))
    static let wrongUnits = HTTPResponse.json(200, #"{"id":"1","total":{"amount":32.05,"currency_code":"USD"}}"#)
    static let noContent = HTTPResponse(status: 204)

    static func row(_ method: Method, _ label: String, _ steps: [ScriptedTransport.Step], _ expected: Expected, tries: Int) -> Row {
        Row(method: method, steps: steps, expected: expected, tries: tries, label: label)
    }

    static func repeated(_ step: ScriptedTransport.Step, _ count: Int) -> [ScriptedTransport.Step] {
        Array(repeating: step, count: count)
    }

    static let rows: [Row] = {
        var rows: [Row] = []
        for method in [Method.get, .patch] {
            rows += [
                row(method, "200", [.answer(order)], nil, tries: 1),
                row(method, "429,429,200", [.answer(throttled), .answer(throttled), .answer(order)], nil, tries: 3),
                row(method, "429 x4", repeated(.answer(throttled), 4), .retryable, tries: 4),
                row(method, "503,200", [.answer(error(503)), .answer(order)], nil, tries: 2),
                row(method, "500 x4", repeated(.answer(error(500)), 4), .retryable, tries: 4),
                row(method, "502 x4", repeated(.answer(error(502)), 4), .retryable, tries: 4),
                row(method, "timeout,200", [.fail(.timedOut), .answer(order)], nil, tries: 2),
                row(method, "connection lost x4", repeated(.fail(.connectionLost), 4), .retryable, tries: 4),
                row(method, "refused x4", repeated(.fail(.cannotConnect), 4), .retryable, tries: 4),
                row(method, "unparseable 200 x4", repeated(.answer(unreadable), 4), .retryable, tries: 4),
                row(method, "fractional minor units x4", repeated(.answer(wrongUnits), 4), .retryable, tries: 4),
            ]
            for status in [400, 404, 405, 409, 422, 501] {
                rows.append(row(method, "\(status)", [.answer(error(status))], .permanent, tries: 1))
            }
            for status in [401, 403] {
                rows.append(row(method, "\(status)", [.answer(error(status))], .authentication, tries: 1))
            }
        }
        rows += [
            row(.delete, "204", [.answer(noContent)], nil, tries: 1),
            row(.delete, "404 = already gone", [.answer(error(404))], nil, tries: 1),
            row(.delete, "500,204", [.answer(error(500)), .answer(noContent)], nil, tries: 2),
            row(.delete, "500 x4", repeated(.answer(error(500)), 4), .retryable, tries: 4),
            row(.delete, "timeout x4", repeated(.fail(.timedOut), 4), .retryable, tries: 4),
            row(.delete, "429,204", [.answer(throttled), .answer(noContent)], nil, tries: 2),
            row(.delete, "409", [.answer(error(409))], .permanent, tries: 1),
            row(.delete, "401", [.answer(error(401))], .authentication, tries: 1),
        ]
        rows += [
            row(.post, "201", [.answer(created)], nil, tries: 1),
            row(.post, "429,201 (not applied: re-sent)", [.answer(throttled), .answer(created)], nil, tries: 2),
            row(.post, "429 x4", repeated(.answer(throttled), 4), .retryable, tries: 4),
            row(.post, "refused,201 (not applied: re-sent)", [.fail(.cannotConnect), .answer(created)], nil, tries: 2),
            row(.post, "refused x4", repeated(.fail(.cannotConnect), 4), .retryable, tries: 4),
            row(.post, "500", [.answer(error(500)), .answer(created)], .unknownOutcome, tries: 1),
            row(.post, "502", [.answer(error(502))], .unknownOutcome, tries: 1),
            row(.post, "503", [.answer(error(503))], .unknownOutcome, tries: 1),
            row(.post, "504", [.answer(error(504))], .unknownOutcome, tries: 1),
            row(.post, "timeout", [.fail(.timedOut), .answer(created)], .unknownOutcome, tries: 1),
            row(.post, "connection lost", [.fail(.connectionLost)], .unknownOutcome, tries: 1),
            row(.post, "other transport error", [.fail(.other)], .unknownOutcome, tries: 1),
            row(.post, "unparseable 201", [.answer(HTTPResponse(status: 201, body: Array("{".utf8)))], .unknownOutcome, tries: 1),
            row(.post, "201 with fractional minor units", [.answer(HTTPResponse.json(201, #"{"id":"1","total":{"amount":"12.5","currency_code":"USD"}}"#))], .unknownOutcome, tries: 1),
        ]
        for status in [400, 404, 405, 409, 422, 501] {
            rows.append(row(.post, "\(status)", [.answer(error(status))], .permanent, tries: 1))
        }
        for status in [401, 403] {
            rows.append(row(.post, "\(status)", [.answer(error(status))], .authentication, tries: 1))
        }
        return rows
    }()

    /// Runs the row's call; returns the error, or nil on success.
    static func run(_ method: Method, on client: KeapClient) async -> KeapCallError? {
        do {
            switch method {
            case .get: _ = try await client.getOrder(id: "17")
            case .patch: _ = try await client.updateOrder(id: "17", KeapOrderUpdateRequest(notes: "n"), updateMask: ["notes"])
            case .delete: try await client.deleteOrderItem(orderID: "17", itemID: "90")
            case .post:
                _ = try await client.createOrder(KeapOrderCreateRequest(
                    contactID: "5", orderTitle: "FH-1", orderTime: "2026-01-02T03:04:05Z", orderType: "ONLINE",
                    items: [], customFields: []))
            }
            return nil
        } catch {
            return error
        }
    }

    @Test("classification", arguments: rows)
    func classification(row: Row) async {
        let (client, transport, _) = TestClients.scripted(row.steps)
        let error = await Self.run(row.method, on: client)
        #expect(error?.kind == row.expected, "\(error.map(String.init(describing:)) ?? "success")")
        #expect(client.requestsSent == row.tries)
        #expect(transport.requests.count == row.tries)
        #expect(transport.requests.allSatisfy { $0.method == row.method.rawValue })
        if let error {
            #expect(error.method == row.method.rawValue)
            #expect(error.path.hasPrefix("/v2/orders"))
            #expect(!error.path.contains("keap.test"))
        }
    }

    @Test("Keap's message is the error message, for string and integer codes")
    func messages() async {
        let (client, _, _) = TestClients.scripted([.answer(Self.error(422))])
        let error = await Self.run(.get, on: client)
        #expect(error?.message == "Keap says 422")
        #expect(error?.status == 422)

        let (throttledClient, _, _) = TestClients.scripted(Self.repeated(.answer(Self.throttled), 4))
        let throttledError = await Self.run(.post, on: throttledClient)
        #expect(throttledError?.status == 429)
        #expect(throttledError?.message.contains("Quota Exceeded") == true)

        let (htmlClient, _, _) = TestClients.scripted([.answer(HTTPResponse(status: 400, body: Array("<html>".utf8)))])
        let htmlError = await Self.run(.get, on: htmlClient)
        #expect(htmlError?.kind == .permanent)
        #expect(htmlError?.message.contains("not a Keap error") == true)

        let (lostClient, _, _) = TestClients.scripted([.fail(.connectionLost)])
        let lostError = await Self.run(.post, on: lostClient)
        #expect(lostError?.status == nil)
    }

    @Test("a 429 pauses the limiter and backs off before the retry (virtual time)")
    func throttleWaits() async {
        let (client, _, clock) = TestClients.scripted([.answer(Self.throttled), .answer(Self.order)])
        let error = await Self.run(.get, on: client)
        #expect(error == nil)
        #expect(clock.now() >= .seconds(1))
    }

    @Test("backoff sleeps stay within full-jitter bounds between tries")
    func backoffBetweenTries() async {
        let (client, _, clock) = TestClients.scripted(Self.repeated(.answer(Self.error(500)), 4))
        _ = await Self.run(.get, on: client)
        // Retries 1, 2, 3 sleep at most base * 2^0, 2^1, 2^2 (base 1 s); limiter waits are zero at this pace.
        let backoffSleeps = clock.sleepsRequested
        #expect(backoffSleeps.count >= 3)
        #expect(clock.now() <= .seconds(7))
    }

    @Test("strictPostRetry turns a POST's 429 into an unknown outcome")
    func strictPostRetry() async {
        var configuration = TestClients.configuration()
        configuration.strictPostRetry = true
        let transport = ScriptedTransport([.answer(Self.throttled)])
        let client = KeapClient(configuration: configuration, transport: transport, clock: VirtualClock(), randomSeed: 1)
        let error = await Self.run(.post, on: client)
        #expect(error?.kind == .unknownOutcome)
        #expect(client.requestsSent == 1)
    }
}

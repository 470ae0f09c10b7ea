import KeapClient
import Testing

@Suite("Secrets never printed")
struct SecretRedactionTests {
    static let key = TestClients.apiKey

    /// Every textual form a value can take in a log line or a test failure.
    static func allForms(_ value: Any) -> [String] {
        var dumped = ""
        dump(value, to: &dumped)
        return [String(describing: value), String(reflecting: value), "\(value)", dumped]
    }

    @Test("KeapSecret, credentials and configuration print <redacted>")
    func valuesRedacted() {
        let secret = KeapSecret(Self.key)
        #expect(secret.description == "<redacted>")
        #expect(secret.debugDescription == "<redacted>")
        let configuration = TestClients.configuration()
        var tokenConfiguration = configuration
        tokenConfiguration.credentials = .accessToken(KeapSecret(Self.key))
        for value in [secret, KeapCredentials.apiKey(secret), configuration, tokenConfiguration] as [Any] {
            for form in Self.allForms(value) {
                #expect(!form.contains(Self.key), "leaked in: \(form)")
            }
        }
    }

    @Test("no error of the classification table contains the key, and every request carried it in the auth header")
    func errorsRedacted() async {
        for row in ClassificationTests.rows {
            let (client, transport, _) = TestClients.scripted(row.steps)
            guard let error = await ClassificationTests.run(row.method, on: client) else { continue }
            for form in Self.allForms(error) {
                #expect(!form.contains(Self.key), "leaked in: \(form)")
            }
            for request in transport.requests {
                #expect(request.headers["X-Keap-API-Key"] == Self.key)
                for form in Self.allForms(request) {
                    #expect(!form.contains(Self.key), "request printed the key: \(form)")
                }
            }
        }
    }

    @Test("a server that echoes the key back gets it scrubbed from the message")
    func echoedKeyScrubbed() async {
        let echo = HTTPResponse.json(400, #"{"code":400,"message":"bad key \#(Self.key) for tenant","status":"Bad Request"}"#)
        let (client, _, _) = TestClients.scripted([.answer(echo)])
        let error = await ClassificationTests.run(.get, on: client)
        #expect(error?.message == "bad key <redacted> for tenant")
        for form in Self.allForms(error as Any) {
            #expect(!form.contains(Self.key))
        }
    }

    @Test("an access token travels as a Bearer header")
    func bearer() async {
        var configuration = TestClients.configuration()
        configuration.credentials = .accessToken(KeapSecret("tok-123"))
        let transport = ScriptedTransport([.answer(ClassificationTests.order)])
        let client = KeapClient(configuration: configuration, transport: transport, clock: VirtualClock(), randomSeed: 1)
        _ = await ClassificationTests.run(.get, on: client)
        #expect(transport.requests.first?.headers["Authorization"] == "Bearer tok-123")
        #expect(transport.requests.first?.headers["X-Keap-API-Key"] == nil)
    }
}

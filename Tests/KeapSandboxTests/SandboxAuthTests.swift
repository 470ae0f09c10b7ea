import KeapSandbox
import LedgerCore
import LedgerTestSupport
import Testing

@Suite(.awaitedTeardown) struct SandboxAuthTests {
    @Test func refusesRequestsWithoutTheConfiguredKey() async throws {
        let fixture = try await SandboxFixture.start(KeapSandboxConfiguration(apiKey: "k-123", accessToken: "t-456"))
        await AwaitedTeardown.add { await fixture.stop() }
        var anonymous = fixture.client
        anonymous.apiKey = nil
        let missing = try await anonymous.send("GET", "/v2/orders")
        #expect(missing.status == 401)
        #expect(missing.json?["code"]?.numberText == "401")
        #expect(missing.json?["message"]?.string != nil)
        #expect(missing.headers["content-type"] == "application/json")

        var wrong = fixture.client
        wrong.apiKey = "not-the-key"
        #expect(try await wrong.send("GET", "/v2/orders").status == 401)

        #expect(try await fixture.client.send("GET", "/v2/orders").status == 200)
        var bearer = anonymous
        bearer.bearer = "t-456"
        #expect(try await bearer.send("GET", "/v2/orders").status == 200)
        bearer.bearer = "t-999"
        #expect(try await bearer.send("GET", "/v2/orders").status == 401)
        #expect(await fixture.sandbox.snapshot().counters.unauthorized == 3)
    }

    @Test func stateDumpNeverContainsCredentials() async throws {
        let key = "super-secret-key-8c1f"
        let token = "secret-token-77aa"
        let fixture = try await SandboxFixture.start(KeapSandboxConfiguration(apiKey: key, accessToken: token))
        await AwaitedTeardown.add { await fixture.stop() }
        let contactID = try await fixture.contact()
        _ = try await fixture.createOrder(contactID: contactID)
        var wrong = fixture.client
        wrong.apiKey = "wrong-key-guess-123"
        _ = try await wrong.send("GET", "/v2/orders")
        var bearer = fixture.client
        bearer.apiKey = nil
        bearer.bearer = token
        _ = try await bearer.send("GET", "/v2/contacts")

        var admin = fixture.client
        admin.apiKey = nil
        let dump = try await admin.send("GET", "/__sandbox/state")
        #expect(dump.status == 200)
        #expect(dump.json?["orders"]?.array.count == 1)
        for secret in [key, token, "wrong-key-guess-123"] {
            #expect(!dump.text.contains(secret))
        }
        let snapshot = await fixture.sandbox.snapshot()
        #expect(!"\(snapshot)".contains(key))
        #expect(!"\(snapshot)".contains(token))
    }
}

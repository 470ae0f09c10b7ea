import KeapSandbox
import LedgerCore
import Testing

/// A running sandbox plus a client, with helpers that create the records most tests need.
struct SandboxFixture {
    let sandbox: RunningKeapSandbox
    let client: SandboxHTTPClient

    static func start(_ configuration: KeapSandboxConfiguration = KeapSandboxConfiguration()) async throws -> SandboxFixture {
        let sandbox = try await KeapSandboxServer.start(host: "127.0.0.1", port: 0, configuration: configuration)
        var client = SandboxHTTPClient(baseURL: sandbox.baseURL)
        client.apiKey = configuration.apiKey
        return SandboxFixture(sandbox: sandbox, client: client)
    }

    func stop() async {
        await sandbox.stop()
    }

    /// Creates a contact and returns its id.
    func contact(email: String = "ada@example.com") async throws -> String {
        let answer = try await client.send("POST", "/v2/contacts?duplicate_option=Email",
                                           body: #"{"email_addresses":[{"email":"\#(email)","field":"EMAIL1"}],"given_name":"Ada"}"#)
        #expect(answer.status == 201 || answer.status == 200, "\(answer.text)")
        return try #require(answer.json?["id"]?.string)
    }

    /// Creates a product (price in minor units) and returns its id.
    func product(sku: String = "TEA-1", price: Int = 1250) async throws -> String {
        let answer = try await client.send("POST", "/v2/products",
                                           body: #"{"name":"Tea \#(sku)","sku":"\#(sku)","price":\#(price),"short_description":"tea"}"#)
        #expect(answer.status == 201, "\(answer.text)")
        return try #require(answer.json?["id"]?.string)
    }

    /// Creates an order custom field and returns (id, field_name).
    func orderField(label: String) async throws -> (id: String, fieldName: String) {
        let answer = try await client.send("POST", "/v2/orders/model/customFields", body: #"{"label":"\#(label)","field_type":"TEXT"}"#)
        #expect(answer.status == 201, "\(answer.text)")
        return (try #require(answer.json?["id"]?.string), try #require(answer.json?["field_name"]?.string))
    }

    /// Creates an order with the given items JSON (array text) and extra members; returns the answer.
    func createOrder(contactID: String, title: String = "FH-1", items: String = "[]", extra: String = "") async throws -> SandboxHTTPClient.Answer {
        let body = #"{"contact_id":"\#(contactID)","order_title":"\#(title)","order_time":"2026-11-20T10:00:00Z","order_type":"ONLINE","order_items":\#(items)\#(extra)}"#
        return try await client.send("POST", "/v2/orders", body: body)
    }
}

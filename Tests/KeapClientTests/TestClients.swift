import KeapClient

/// Shared test fixtures.
enum TestClients {
    static let apiKey = "sk-TEST-SECRET-1234567890abcdef"

    static func configuration(maxTries: Int = 4) -> KeapClientConfiguration {
        var configuration = KeapClientConfiguration(baseURL: "http://keap.test/crm/rest/", credentials: .apiKey(KeapSecret(apiKey)))
        configuration.maxPerSecond = 10
        configuration.maxPerMinute = 240
        configuration.maxTries = maxTries
        configuration.pageSize = 2
        return configuration
    }

    /// A client on virtual time with a scripted transport.
    static func scripted(_ steps: [ScriptedTransport.Step], maxTries: Int = 4) -> (KeapClient, ScriptedTransport, VirtualClock) {
        let transport = ScriptedTransport(steps)
        let clock = VirtualClock()
        let client = KeapClient(configuration: configuration(maxTries: maxTries), transport: transport, clock: clock, randomSeed: 42)
        return (client, transport, clock)
    }

    static let orderJSON = #"""
    {"id":"17","title":"FH-1","contact":{"id":"5"},"total":{"amount":3205,"currency_code":"USD","formatted_amount":"$32.05"},
     "total_paid":{"amount":0,"currency_code":"USD"},"notes":null,
     "order_items":[{"id":"90","item_type":"PRODUCT","name":"Tea","notes":"L1","quantity":2,
                     "price_per_unit":{"amount":1250,"currency_code":"USD"},"product":{"id":"3"}}],
     "custom_fields":[{"id":"11","content":"FH-1"},{"id":"12","content":null}]}
    """#
}

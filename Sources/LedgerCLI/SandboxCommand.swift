import ArgumentParser
import KeapSandbox

/// `keap-ledger sandbox --port N`: the built-in Keap REST v2 stand-in, served alone (for the demo, scripts, trying
/// the sync without a Keap account). `GET /__sandbox/state` dumps what it holds.
struct SandboxCommand: AsyncFailureReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Serve the built-in Keap sandbox (REST v2 stand-in) until interrupted.",
        discussion: """
            Point the sync at it with KEAP_BASE_URL=http://127.0.0.1:PORT and KEAP_API_KEY=<--api-key>, or for OAuth2 \
            KEAP_TOKEN_URL=http://127.0.0.1:PORT/token with KEAP_CLIENT_ID/KEAP_CLIENT_SECRET (codes for `keap auth \
            --code`: POST /__sandbox/oauth/authorize {"redirect_uri": …}). The first \
            line on stdout is `listening on http://HOST:PORT` (useful with --port 0). Admin: GET /__sandbox/state, \
            POST /__sandbox/faults, POST /__sandbox/reset.
            """
    )

    @Option(help: "Port to listen on (0 = any free port).")
    var port = 8089

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The API key the sandbox accepts in X-Keap-API-Key.")
    var apiKey = "sandbox-key"

    @Option(help: "The OAuth2 client id POST /token accepts.")
    var clientId = "sandbox-client"

    @Option(help: "The OAuth2 client secret POST /token accepts.")
    var clientSecret = "sandbox-client-secret"

    @Option(help: "Lifetime in seconds of the access tokens POST /token issues.")
    var accessTokenLifetime = 86_400

    @Option(help: "The tenant's currency.")
    var currency = "USD"

    @Option(help: "Share of requests that get an injected fault (0...1): 429, 500 before applying, connection dropped after applying, slow answers.")
    var faultRate = 0.0

    @Option(help: "Seed of the fault draws, \(NumericOptions.seedRange) (same seed and requests = same faults).")
    var faultSeed: UInt64 = 1

    @Flag(help: "Enforce Keap's Service Account Key limits (10/s, 240/min) with its 429 answer.")
    var rateLimit = false

    @Option(help: "How the tenant counts a DISCOUNT item: positive (a positive price is subtracted; negative refused) or negative (signed prices are summed).")
    var discountSign = "negative"

    @Option(help: "Whether the tenant takes SHIPPING/TAX/DISCOUNT items: typed, or product-only (400 for any item_type but PRODUCT, as the OpenAPI text says).")
    var chargeItems = "typed"

    func validate() throws {
        try NumericOptions.faultRate.check(faultRate)
        try NumericOptions.port.check(port)
        try NumericOptions.accessTokenLifetime.check(accessTokenLifetime)
        if SandboxDiscountSign(rawValue: discountSign) == nil { throw ValidationError("--discount-sign must be positive or negative") }
        if SandboxChargeItems(rawValue: chargeItems) == nil { throw ValidationError("--charge-items must be typed or product-only") }
    }

    func execute() async throws {
        let faults = faultRate > 0
            ? SandboxFaultPlan(seed: faultSeed, probability: faultRate, kinds: [.throttle429, .error500BeforeApply, .dropAfterApply, .slow(.seconds(2))])
            : .none
        let configuration = KeapSandboxConfiguration(
            apiKey: apiKey, oauthClientID: clientId, oauthClientSecret: clientSecret,
            accessTokenLifetime: .seconds(accessTokenLifetime), currencyCode: currency,
            discountSign: SandboxDiscountSign(rawValue: discountSign) ?? .negative,
            chargeItems: SandboxChargeItems(rawValue: chargeItems) ?? .typed, faults: faults,
            rateLimit: rateLimit ? SandboxRateLimit() : nil)
        let host = self.host
        try await KeapSandboxServer.run(host: host, port: port, configuration: configuration) { bound in
            StandardStreams.out("listening on http://\(host):\(bound)\n")
        }
    }
}

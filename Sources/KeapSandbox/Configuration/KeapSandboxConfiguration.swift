/// How the sandbox behaves. Every *[verify]* choice of notes/keap-sync-plan.md §4 is one setting here, so tests can
/// cover both readings; the defaults are the strict ones.
package struct KeapSandboxConfiguration: Sendable {
    /// Accepted as `X-Keap-API-Key: <apiKey>` (Service Account Key). Never written to the dump, logs or errors.
    package var apiKey: String
    /// When set, also accepted as `Authorization: Bearer <accessToken>`.
    package var accessToken: String?
    /// The OAuth2 app the token endpoint (`POST /token`) accepts, by Basic auth or in the body.
    package var oauthClientID: String
    package var oauthClientSecret: String
    /// Lifetime of the access tokens `/token` issues (Keap: 24 h); after it the API answers 401.
    package var accessTokenLifetime: Duration
    /// The tenant currency: Keap orders have no currency of their own, the tenant's applies to every amount.
    package var currencyCode: String
    /// Refuse unknown JSON properties with 400. The real API probably ignores them; on by default because it turns
    /// client typos (`productId`) into visible test failures.
    package var strictUnknownProperties: Bool
    /// How DISCOUNT-like items count in the total (Keap's behaviour is unverified; see `SandboxDiscountSign`). The
    /// default is `.negative`, the reading the public evidence favours (XML-RPC took a discount as a negative price),
    /// as the sync's default is.
    package var discountSign: SandboxDiscountSign
    /// Whether SHIPPING, TAX, DISCOUNT… items are taken at all (unverified; see `SandboxChargeItems`).
    package var chargeItems: SandboxChargeItems
    /// What `GET /v2/businessProfile` names as the account's time zone (its currency is `currencyCode`).
    package var timeZone: String
    /// The tenant's Manual Payment Types; `payment_method_type` must match one exactly.
    package var manualPaymentTypes: [String]
    /// Seeded fault injection for every `/v2` request (off when the probability is 0).
    package var faults: SandboxFaultPlan
    /// Per-key request limits (10/s, 240/min like a Service Account Key); nil = not enforced.
    package var rateLimit: SandboxRateLimit?
    /// `POST /v2/orders` whose `order_title` is one of these always answers 500 without storing anything.
    package var poisonOrderTitles: Set<String>
    /// Same as `poisonOrderTitles`, for every title starting with one of these prefixes.
    package var poisonOrderTitlePrefixes: [String]
    /// Custom fields usable as list filters (arrived in Keap 2026-07 *[verify]*); off = 400, to test the title fallback.
    package var customFieldFilters: Bool
    /// Units of `InvoiceOrderPayment.amount` in the payment list (the OpenAPI example `10000` is ambiguous).
    package var paymentListAmountUnits: SandboxAmountUnits
    /// Units of the subscription area's bare `number` amounts, `plan_price` and `billing_amount` (the OpenAPI says
    /// "in the smallest currency unit" for the plan, and both examples are `10000`).
    package var subscriptionAmountUnits: SandboxAmountUnits
    /// Refuse subscription `start_date`, `next_bill_date` and `end_date` before today (the OpenAPI: "Must not be in
    /// the past"); off accepts them, for the other reading.
    package var refusePastSubscriptionDates: Bool
    /// Order and subscription lists leave each entry's `custom_fields` out (the OpenAPI does not say whether list
    /// entries carry them *[verify]*); a single `GET` by id always has them.
    package var listsOmitCustomFields: Bool
    /// A `WWW-Authenticate` value for the REST API's 401s (whether Keap sends one is not documented); nil = none.
    package var unauthorizedChallenge: String?
    /// Page size when a list request gives none (or 0).
    package var defaultPageSize: Int
    /// Entries kept in the call log of the dump (oldest dropped first).
    package var callLogLimit: Int

    package static let defaultManualPaymentTypes = ["Credit Card (Manual)", "Cash", "Check", "Money Order", "Adjustment"]

    package init(
        apiKey: String = "sandbox-key",
        accessToken: String? = nil,
        oauthClientID: String = "sandbox-client",
        oauthClientSecret: String = "sandbox-client-secret",
        accessTokenLifetime: Duration = .seconds(86_400),
        currencyCode: String = "USD",
        strictUnknownProperties: Bool = true,
        discountSign: SandboxDiscountSign = .negative,
        chargeItems: SandboxChargeItems = .typed,
        timeZone: String = "America/Phoenix",
        manualPaymentTypes: [String] = KeapSandboxConfiguration.defaultManualPaymentTypes,
        faults: SandboxFaultPlan = .none,
        rateLimit: SandboxRateLimit? = nil,
        poisonOrderTitles: Set<String> = [],
        poisonOrderTitlePrefixes: [String] = [],
        customFieldFilters: Bool = true,
        paymentListAmountUnits: SandboxAmountUnits = .major,
        subscriptionAmountUnits: SandboxAmountUnits = .minor,
        refusePastSubscriptionDates: Bool = true,
        listsOmitCustomFields: Bool = false,
        unauthorizedChallenge: String? = nil,
        defaultPageSize: Int = 1000,
        callLogLimit: Int = 10_000
    ) {
        self.apiKey = apiKey
        self.accessToken = accessToken
        self.oauthClientID = oauthClientID
        self.oauthClientSecret = oauthClientSecret
        self.accessTokenLifetime = accessTokenLifetime
        self.currencyCode = currencyCode
        self.strictUnknownProperties = strictUnknownProperties
        self.discountSign = discountSign
        self.chargeItems = chargeItems
        self.timeZone = timeZone
        self.manualPaymentTypes = manualPaymentTypes
        self.faults = faults
        self.rateLimit = rateLimit
        self.poisonOrderTitles = poisonOrderTitles
        self.poisonOrderTitlePrefixes = poisonOrderTitlePrefixes
        self.customFieldFilters = customFieldFilters
        self.paymentListAmountUnits = paymentListAmountUnits
        self.subscriptionAmountUnits = subscriptionAmountUnits
        self.refusePastSubscriptionDates = refusePastSubscriptionDates
        self.listsOmitCustomFields = listsOmitCustomFields
        self.unauthorizedChallenge = unauthorizedChallenge
        self.defaultPageSize = defaultPageSize
        self.callLogLimit = callLogLimit
    }

    /// True when `title` is a poison order title (exact or by prefix).
    func isPoison(orderTitle title: String) -> Bool {
        poisonOrderTitles.contains(title) || poisonOrderTitlePrefixes.contains { title.hasPrefix($0) }
    }
}

import Foundation
import LedgerCore

/// Everything the sandbox knows, behind one actor: requests are applied one at a time, in arrival order, so a test
/// sees Keap-like sequential consistency and the fault RNG draws in a reproducible order.
actor SandboxState {
    let configuration: KeapSandboxConfiguration
    let money: SandboxMoney
    var faultPlan: SandboxFaultPlan
    var random: SplitMix64
    var limiter = SandboxRateLimiter()
    /// Codes and tokens issued by `/token` (never dumped).
    var oauth = SandboxOAuth()

    var contacts: [String: SandboxContact] = [:]
    var products: [String: SandboxProduct] = [:]
    var orders: [String: SandboxOrder] = [:]
    var subscriptionPlans: [String: SandboxSubscriptionPlan] = [:]
    var subscriptions: [String: SandboxSubscription] = [:]
    var customFields: [SandboxCustomField] = []
    /// The last id handed out per kind; ids are decimal strings "1", "2", … per kind, so runs are reproducible.
    var lastID: [String: Int] = [:]
    var counters = SandboxCounters()
    var calls: [SandboxCallLogEntry] = []
    /// Set by a handler that answers as a fault of its own (a poison order), for the call log.
    var handlerFault: String?

    init(configuration: KeapSandboxConfiguration) throws {
        guard configuration.accessTokenLifetime >= .seconds(1) else {
            throw SandboxConfigurationError("accessTokenLifetime must be at least 1 s (expires_in is whole seconds)")
        }
        guard let currency = Currency(code: configuration.currencyCode) else {
            throw SandboxConfigurationError("currencyCode \(configuration.currencyCode) is not an ISO 4217 currency with a minor unit")
        }
        self.configuration = configuration
        money = SandboxMoney(currency: currency)
        faultPlan = configuration.faults
        random = SplitMix64(seed: configuration.faults.seed)
    }

    var currency: Currency { money.currency }

    /// Hands out the next id of `kind`.
    func nextID(_ kind: String) -> String {
        let next = lastID[kind, default: 0] + 1
        lastID[kind] = next
        return String(next)
    }

    // MARK: - Entry point

    /// Answers one request: admin routes without auth; `/v2` routes through auth, the rate limit, the fault draw and
    /// the handler, in that order (a refused credential or a throttled call never reaches the faults).
    func handle(_ request: SandboxRequest) -> SandboxReply {
        if request.segments.first == "__sandbox" { return admin(request) }
        if request.segments == ["token"] { return token(request) }
        guard request.segments.first == "v2" else {
            return SandboxReply(error: .notFound("no route for \(request.method) \(request.path)"))
        }
        counters.requestsByMethod[request.method, default: 0] += 1
        guard isAuthorized(request.credential) else {
            counters.unauthorized += 1
            var message = "missing or invalid credentials: send X-Keap-API-Key or Authorization: Bearer"
            if case .bearer(let token) = request.credential, oauth.isLive(accessToken: token, now: .now) == false {
                message = "access token expired"
            }
            var reply = SandboxReply(error: SandboxHTTPError(status: 401, message: message))
            if let challenge = configuration.unauthorizedChallenge { reply.headers.append((name: "WWW-Authenticate", value: challenge)) }
            log(request, status: 401, fault: nil)
            return reply
        }
        let now = ContinuousClock.now
        let bucket = request.credential.bucket
        guard limiter.admit(bucket: bucket, limit: configuration.rateLimit, now: now) else {
            counters.rateLimited += 1
            log(request, status: 429, fault: nil)
            return throttledReply(bucket: bucket, now: now)
        }
        let fault = drawFault(method: request.method)
        if let fault { counters.faultsByKind[fault.name, default: 0] += 1 }
        var reply: SandboxReply
        switch fault {
        case .throttle429?:
            log(request, status: 429, fault: fault?.name)
            return throttledReply(bucket: bucket, now: now)
        case .error500BeforeApply?:
            reply = SandboxReply(error: SandboxHTTPError(status: 500, message: "internal server error (injected)"))
        default:
            handlerFault = nil
            do {
                reply = try route(request)
            } catch let error as SandboxHTTPError {
                reply = SandboxReply(error: error)
            } catch {
                reply = SandboxReply(error: SandboxHTTPError(status: 500, message: "internal server error"))
            }
        }
        if let rateLimit = configuration.rateLimit {
            reply.headers += limiter.headers(bucket: bucket, limit: rateLimit, now: now)
        }
        switch fault {
        case .dropAfterApply?: reply.disposition = .drop
        case .slow(let delay)?: reply.disposition = .delay(delay)
        default: break
        }
        log(request, status: reply.disposition == .drop ? nil : reply.status, fault: fault?.name ?? handlerFault)
        return reply
    }

    private func isAuthorized(_ credential: SandboxCredential) -> Bool {
        switch credential {
        case .none: false
        case .apiKey(let key): !configuration.apiKey.isEmpty && key == configuration.apiKey
        case .bearer(let token):
            configuration.accessToken.map { !$0.isEmpty && $0 == token } ?? false
                || oauth.isLive(accessToken: token, now: .now) == true
        case .basic: false
        }
    }

    /// Keap's exact 429: this body byte for byte, JSON content type, the throttle headers, no Retry-After.
    private func throttledReply(bucket: String, now: ContinuousClock.Instant) -> SandboxReply {
        var reply = SandboxReply(status: 429, rawJSON: #"{"code":"429","message":"Quota Exceeded","status":"Request Throttled"}"#)
        reply.headers = limiter.headers(bucket: bucket, limit: configuration.rateLimit ?? SandboxRateLimit(), now: now)
        return reply
    }

    private func drawFault(method: String) -> SandboxFaultKind? {
        guard faultPlan.applies(toMethod: method) else { return nil }
        // Poison orders are not drawn from the plan, so they do not use up its budget.
        let drawn = counters.totalFaults - counters.faultsByKind["poisonOrder", default: 0]
        if let maxFaults = faultPlan.maxFaults, drawn >= maxFaults { return nil }
        guard random.nextUnit() < faultPlan.probability else { return nil }
        return faultPlan.kinds[Int(random.next() % UInt64(faultPlan.kinds.count))]
    }

    func log(_ request: SandboxRequest, status: Int?, fault: String?) {
        calls.append(SandboxCallLogEntry(method: request.method, path: request.pathWithQuery, status: status, fault: fault))
        if calls.count > configuration.callLogLimit { calls.removeFirst(calls.count - configuration.callLogLimit) }
    }

    // MARK: - Routing

    private func route(_ request: SandboxRequest) throws -> SandboxReply {
        let path = Array(request.segments.dropFirst())
        let method = request.method
        func only(_ allowed: String...) throws {
            guard allowed.contains(method) else {
                throw SandboxHTTPError(status: 405, message: "\(method) is not allowed on \(request.path)")
            }
        }
        switch path.count {
        case 1:
            switch path[0] {
            case "contacts":
                try only("GET", "POST")
                return try method == "GET" ? listContacts(request) : createContact(request)
            case "products":
                try only("GET", "POST")
                return try method == "GET" ? listProducts(request) : createProduct(request)
            case "orders":
                try only("GET", "POST")
                return try method == "GET" ? listOrders(request) : createOrder(request)
            case "subscriptions":
                try only("GET", "POST")
                return try method == "GET" ? listSubscriptions(request) : createSubscription(request)
            case "businessProfile":
                try only("GET")
                return businessProfile()
            default: break
            }
        case 2:
            if path[1] == "model", let recordType = SandboxRecordType(rawValue: path[0]) {
                try only("GET")
                return customFieldModel(recordType)
            }
            switch path[0] {
            case "contacts":
                try only("GET", "PATCH")
                return try method == "GET" ? getContact(path[1]) : updateContact(path[1], request)
            case "products":
                try only("GET", "PATCH")
                return try method == "GET" ? getProduct(path[1]) : updateProduct(path[1], request)
            case "orders":
                if let colon = path[1].firstIndex(of: ":") {
                    try only("POST")
                    return try orderAction(String(path[1][..<colon]), action: String(path[1][path[1].index(after: colon)...]))
                }
                try only("GET", "PATCH", "DELETE")
                switch method {
                case "GET": return try getOrder(path[1])
                case "PATCH": return try updateOrder(path[1], request)
                default: return try deleteOrder(path[1])
                }
            case "subscriptions":
                if let colon = path[1].firstIndex(of: ":") {
                    try only("POST")
                    return try subscriptionAction(String(path[1][..<colon]), action: String(path[1][path[1].index(after: colon)...]), request)
                }
                try only("GET", "PATCH")
                return try method == "GET" ? getSubscription(path[1]) : updateSubscription(path[1], request)
            default: break
            }
        case 3:
            if path[1] == "model", path[2] == "customFields", let recordType = SandboxRecordType(rawValue: path[0]) {
                try only("POST")
                return try createCustomField(recordType, request)
            }
            if path[0] == "orders", path[2] == "items" {
                try only("POST")
                return try createOrderItem(orderID: path[1], request)
            }
            if path[0] == "products", path[2] == "subscriptions" {
                try only("GET", "POST")
                return try method == "GET" ? listSubscriptionPlans(productID: path[1], request) : createSubscriptionPlan(productID: path[1], request)
            }
            if path[0] == "orders", path[2] == "payments" {
                try only("GET", "POST")
                return try method == "GET" ? listPayments(orderID: path[1], request) : createPayment(orderID: path[1], request)
            }
        case 4:
            if path[0] == "orders", path[2] == "items" {
                try only("GET", "PATCH", "DELETE")
                switch method {
                case "GET": return try getOrderItem(orderID: path[1], itemID: path[3])
                case "PATCH": return try updateOrderItem(orderID: path[1], itemID: path[3], request)
                default: return try deleteOrderItem(orderID: path[1], itemID: path[3])
                }
            }
        default: break
        }
        throw SandboxHTTPError.notFound("no route for \(method) \(request.path)")
    }

    // MARK: - Shared helpers

    /// `update_mask` values, repeated (`?update_mask=a&update_mask=b`, OpenAPI's default) or comma-separated; nil when
    /// none was given. Values outside `allowed` are refused.
    func updateMask(_ request: SandboxRequest, allowed: [String], notPatchable: Set<String> = []) throws -> [String]? {
        let raw = request.queryValues("update_mask")
        guard !raw.isEmpty else { return nil }
        var mask: [String] = []
        for value in raw.flatMap({ $0.split(separator: ",", omittingEmptySubsequences: false) }) {
            let field = value.trimmingCharacters(in: .whitespaces)
            if notPatchable.contains(field) { throw SandboxHTTPError.badRequest("\(field) is not patchable") }
            guard allowed.contains(field) else {
                throw SandboxHTTPError.badRequest("update_mask value '\(field)' is not one of: \(allowed.joined(separator: ", "))")
            }
            if !mask.contains(field) { mask.append(field) }
        }
        return mask
    }

    /// Validates `custom_fields` entries against the record type's model: ids must exist, text at most 65,535.
    func customFieldValues(_ entries: [SandboxBody], recordType: SandboxRecordType) throws -> [SandboxCustomFieldValue] {
        var values: [SandboxCustomFieldValue] = []
        for entry in entries {
            try entry.rejectUnknown(allowed: ["id", "content"], strict: configuration.strictUnknownProperties)
            guard let id = try entry.string("id", required: true) else { continue }
            guard let field = customFields.first(where: { $0.id == id && $0.recordType == recordType }) else {
                throw SandboxHTTPError.badRequest("\(entry.location).id \(id) is not a custom field of \(recordType.keapName)")
            }
            guard !values.contains(where: { $0.id == id }) else {
                throw SandboxHTTPError.badRequest("custom field \(id) is given twice")
            }
            let content = entry.object["content"] ?? .null
            if case .object = content { throw SandboxHTTPError.badRequest("\(entry.location).content must not be an object") }
            let value = SandboxCustomFieldValue(id: id, label: field.label, content: content)
            if let text = value.text, text.unicodeScalars.count > 65_535 {
                throw SandboxHTTPError.badRequest("\(entry.location).content is longer than 65535 characters")
            }
            values.append(value)
        }
        return values
    }

    /// Finds the custom field a filter clause names by `field_name` (case-insensitive), or nil.
    func customField(filterName: String, recordType: SandboxRecordType) throws -> SandboxCustomField? {
        guard let field = customFields.first(where: { $0.recordType == recordType && $0.fieldName.lowercased() == filterName.lowercased() })
        else { return nil }
        guard configuration.customFieldFilters else {
            throw SandboxHTTPError.badRequest("filtering by custom field \(filterName) is not supported")
        }
        return field
    }

    /// Whether a custom-field clause holds for a record's values, with the operators its type allows.
    func customFieldClauseHolds(_ clause: SandboxFilterClause, field: SandboxCustomField, values: [SandboxCustomFieldValue]) throws -> Bool {
        let text = values.first { $0.id == field.id }?.text
        if field.isNumeric {
            try clause.require([.equal, .less, .lessOrEqual, .greater, .greaterOrEqual])
            return clause.numberHolds(text)
        }
        if field.isDate {
            try clause.require([.equal, .less, .lessOrEqual, .greater, .greaterOrEqual])
            return clause.textOrderHolds(text)
        }
        try clause.require([.equal])
        return clause.textMatches(text)
    }

    /// Records sorted by their numeric id (creation order).
    func byID<Record>(_ records: [String: Record], id: (Record) -> String) -> [Record] {
        records.values.sorted { (Int(id($0)) ?? 0) < (Int(id($1)) ?? 0) }
    }

    /// A list response `{<key>: [...], next_page_token?}`.
    func listReply(key: String, items: [JSONValue], request: SandboxRequest) throws -> SandboxReply {
        let page = try SandboxPage(request: request, defaultSize: configuration.defaultPageSize)
        let (slice, next) = page.slice(items)
        var body = SandboxObjectBuilder()
        body.set(key, .array(slice))
        body.set("next_page_token", string: next)
        return SandboxReply(status: 200, json: body.value)
    }

    /// `Σ quantity × price` with DISCOUNT items per the configured sign; 400 when the total would overflow.
    func total(of items: [SandboxOrderItem]) throws -> Int64 {
        var total: Int64 = 0
        for item in items {
            let share = item.contribution(sign: configuration.discountSign)
            let (sum, overflow) = total.addingReportingOverflow(share ?? 0)
            guard share != nil, !overflow else { throw SandboxHTTPError.badRequest("order total is too large") }
            total = sum
        }
        return total
    }
}

import LedgerCore
import Synchronization

/// Typed calls to Keap REST v2. One client per process: every request (lookups and retries included) passes its one
/// `RateLimiter`; failures are retried with full-jitter backoff and reported as `KeapCallError` with a kind that
/// tells the caller what is safe next (keap-sync-plan.md 6.4).
package final class KeapClient: Sendable {
    package let configuration: KeapClientConfiguration
    /// Shared by every call of this client; exposed so a test or a second client in the process can share it.
    package let rateLimiter: RateLimiter
    private let transport: any HTTPTransport
    private let clock: any KeapClock
    private let backoff: Backoff
    /// Base URL without trailing slashes.
    private let baseURL: String
    private let sentCount = Mutex<Int>(0)
    private let jitterSource: Mutex<SplitMix64>
    /// Every secret this client holds or has held, scrubbed from error messages.
    private let scrubber: KeapSecretScrubber
    /// Present for `.oauth` credentials: supplies the bearer and refreshes it. One per client, so one per process.
    private let tokens: KeapTokenRefresher?

    /// `clock` and `randomSeed` exist for tests (virtual time, reproducible jitter); production uses the defaults.
    package init(configuration: KeapClientConfiguration, transport: any HTTPTransport,
                 clock: any KeapClock = MonotonicKeapClock(), randomSeed: UInt64? = nil) {
        self.configuration = configuration
        self.transport = transport
        self.clock = clock
        var base = configuration.baseURL
        while base.hasSuffix("/") { base.removeLast() }
        baseURL = base
        backoff = Backoff(base: configuration.backoffBase, cap: configuration.backoffCap)
        rateLimiter = RateLimiter(
            maxPerSecond: configuration.maxPerSecond,
            maxPerMinute: configuration.maxPerMinute,
            throttlePause: configuration.throttlePause,
            windowMargin: configuration.rateWindowMargin,
            clock: clock
        )
        var systemRandom = SystemRandomNumberGenerator()
        jitterSource = Mutex(SplitMix64(seed: randomSeed ?? systemRandom.next()))
        scrubber = KeapSecretScrubber(configuration.credentials.configuredSecrets)
        if case .oauth(let settings) = configuration.credentials {
            // The token endpoint shares the transport (one connection pool per process) but not the rate limiter: it is
            // not part of the REST API's quota, and a refresh must not wait behind throttled calls.
            tokens = KeapTokenRefresher(settings: settings, transport: transport, scrubber: scrubber)
        } else {
            tokens = nil
        }
    }

    /// The production client: AsyncHTTPClient with the configured timeout. Call `shutdown()` when done with it.
    package convenience init(configuration: KeapClientConfiguration) {
        self.init(configuration: configuration, transport: AsyncHTTPClientTransport(requestTimeout: configuration.requestTimeout))
    }

    /// Shuts the transport down (closes its pooled connections). The client owns the transport it was given, so
    /// whoever made the client calls this once no call is in flight any more; calls after it fail as `retryable`.
    package func shutdown() async {
        await transport.shutdown()
    }

    /// Every API request handed to the transport (lookups, retries and refused connections included; token refreshes
    /// are not API calls and are not counted).
    package var requestsSent: Int {
        sentCount.withLock { $0 }
    }

    // MARK: - Sending

    /// Sends `call` until it succeeds, fails for good, or runs out of tries, and decodes the 2xx answer. A decode
    /// failure counts as an unreadable answer: retried for GET/PATCH/DELETE, an unknown outcome for a POST.
    func execute<Result>(
        _ call: APICall,
        decode: (HTTPResponse) throws(KeapDecodeError) -> Result
    ) async throws(KeapCallError) -> Result {
        let pathAndQuery = call.pathAndQuery
        var body: [UInt8] = []
        if let json = call.body { JSONWriter.write(json, into: &body) }
        var policy = RetryPolicy(
            method: call.method, tries: configuration.maxTries, strictPostRetry: configuration.strictPostRetry,
            refreshable: tokens != nil)
        var lastStatus: Int?
        var lastMessage = ""
        var backoffRetry: Int?

        while true {
            if let backoffRetry {
                await clock.sleep(for: jitterSource.withLock { backoff.delay(forRetry: backoffRetry, using: &$0) })
            }
            do {
                try await rateLimiter.acquire()
            } catch {
                // Nothing was sent in this try, and earlier tries only reach here when retrying was safe.
                throw failure(.retryable, call, pathAndQuery, lastStatus, "cancelled before sending")
            }
            // Errors of the refresher are final for this call: they already say what the operator must do.
            let bearer = try await tokens?.accessToken()
            let request = authorized(HTTPRequest(method: call.method, url: baseURL + pathAndQuery, body: body), bearer: bearer)
            sentCount.withLock { $0 += 1 }

            var step: RetryPolicy.Step
            do {
                let response = try await transport.send(request)
                if response.status == 429 { await rateLimiter.noteThrottled() }
                step = policy.next(after: .answered(status: response.status))
                switch step {
                case .accept:
                    do {
                        return try decode(response)
                    } catch {
                        lastStatus = response.status
                        lastMessage = "unreadable answer: \(error.reason)"
                        step = policy.nextAfterUnreadableAnswer()
                    }
                case .refreshThenResend:
                    // Not a try: the last try's status and message stand.
                    break
                case .resend, .fail, .giveUp:
                    lastStatus = response.status
                    lastMessage = KeapErrorBody.message(for: response)
                }
            } catch {
                lastStatus = nil
                lastMessage = error.description
                step = policy.next(after: .notAnswered(error.kind))
            }

            switch step {
            case .resend(let retry):
                backoffRetry = retry
            case .refreshThenResend:
                if let tokens, let bearer { _ = try await tokens.accessToken(afterRejecting: bearer) }
                backoffRetry = nil
            case .fail(let kind):
                throw failure(kind, call, pathAndQuery, lastStatus, lastMessage)
            case .giveUp, .accept:
                // `.accept` never follows an unreadable answer; listed here so the switch stays exhaustive.
                throw failure(.retryable, call, pathAndQuery, lastStatus, "gave up after \(policy.tries) tries: \(lastMessage)")
            }
        }
    }

    /// Adds the fixed headers and, as the very last step, the auth header: nothing built before this point (and no
    /// error) can contain the secret.
    private func authorized(_ request: HTTPRequest, bearer: KeapSecret?) -> HTTPRequest {
        var request = request
        request.headers["Accept"] = "application/json"
        if !request.body.isEmpty { request.headers["Content-Type"] = "application/json" }
        if let auth = configuration.credentials.fixedAuthorizationHeader {
            request.headers[auth.name] = auth.value
        } else if let bearer {
            request.headers["Authorization"] = "Bearer " + bearer.valueForAuthorizationHeader
        }
        return request
    }

    /// Builds the error, scrubbing every secret from the message in case a server or proxy echoed one back.
    private func failure(_ kind: KeapCallError.Kind, _ call: APICall, _ pathAndQuery: String, _ status: Int?,
                         _ message: String) -> KeapCallError {
        var message = message
        if kind == .authentication, status == 401, case .oauth(let settings) = configuration.credentials {
            // Refused even right after a refresh: the authorization itself is gone (revoked in Keap, say).
            message += "; the access token was refreshed and still refused, so "
                + KeapOAuthSettings.reauthorizeInstruction(tokenFile: settings.tokenFile)
        }
        return KeapCallError(kind: kind, method: call.method, path: pathAndQuery, status: status, message: scrubber.scrub(message))
    }

    // MARK: - Helpers for the endpoint files

    /// Sends `call` and decodes the answer's top-level object with `decode`.
    func object<Result>(
        _ call: APICall,
        context: String,
        decode: (JSONObject) throws(KeapDecodeError) -> Result
    ) async throws(KeapCallError) -> Result {
        try await execute(call) { response throws(KeapDecodeError) -> Result in
            try decode(try JSONObject.root(response.body, context: context))
        }
    }

    /// Reads every page of a list call (`page_size`, `page_token`; an absent or empty `next_page_token` ends it).
    func listAll<Item>(
        path: String,
        query: [(name: String, value: String)],
        arrayKey: String,
        context: String,
        pageSize: Int? = nil,
        decodeItem: (JSONObject) throws(KeapDecodeError) -> Item
    ) async throws(KeapCallError) -> [Item] {
        var items: [Item] = []
        var pageToken: String?
        var seenTokens: Set<String> = []
        while true {
            var call = APICall(method: "GET", path: path, query: query)
            call.query.append((name: "page_size", value: String(pageSize ?? configuration.pageSize)))
            if let pageToken { call.query.append((name: "page_token", value: pageToken)) }
            let (pageItems, nextToken) = try await object(call, context: context) {
                root throws(KeapDecodeError) -> ([Item], String?) in
                var pageItems: [Item] = []
                for element in try JSONObject.array(root[arrayKey], key: arrayKey, in: context) {
                    guard case .object(let object) = element else {
                        throw KeapDecodeError("\(context).\(arrayKey)[] is \(element.kindDescription), expected an object")
                    }
                    pageItems.append(try decodeItem(object))
                }
                return (pageItems, try root.optionalString("next_page_token", in: context))
            }
            items.append(contentsOf: pageItems)
            guard let nextToken, !nextToken.isEmpty else { return items }
            // A server that hands out a token twice would loop forever.
            guard seenTokens.insert(nextToken).inserted else {
                throw KeapCallError(kind: .permanent, method: "GET", path: call.pathAndQuery, status: 200,
                                    message: "pagination does not advance: next_page_token repeats")
            }
            pageToken = nextToken
        }
    }
}

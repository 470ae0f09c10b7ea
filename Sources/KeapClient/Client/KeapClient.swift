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
    }

    /// The production client: URLSession with the configured timeout.
    package convenience init(configuration: KeapClientConfiguration) {
        self.init(configuration: configuration, transport: URLSessionTransport(requestTimeout: configuration.requestTimeout))
    }

    /// Every HTTP request handed to the transport (lookups, retries and refused connections included).
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
        let tries = max(1, configuration.maxTries)
        var lastStatus: Int?
        var lastMessage = ""

        for attempt in 0..<tries {
            if attempt > 0 {
                let delay = jitterSource.withLock { backoff.delay(forRetry: attempt - 1, using: &$0) }
                await clock.sleep(for: delay)
            }
            do {
                try await rateLimiter.acquire()
            } catch {
                // Nothing was sent in this try, and earlier tries only reach here when retrying was safe.
                throw failure(.retryable, call, pathAndQuery, lastStatus, "cancelled before sending")
            }
            let request = authorized(HTTPRequest(method: call.method, url: baseURL + pathAndQuery, body: body))
            sentCount.withLock { $0 += 1 }

            let response: HTTPResponse
            do {
                response = try await transport.send(request)
            } catch {
                lastStatus = nil
                lastMessage = error.description
                switch CallClassification.classify(transport: error.kind, method: call.method) {
                case .retry, .success: continue
                case .fail(let kind): throw failure(kind, call, pathAndQuery, nil, lastMessage)
                }
            }

            if response.status == 429 {
                await rateLimiter.noteThrottled()
            }
            lastStatus = response.status
            switch CallClassification.classify(
                status: response.status, method: call.method, strictPostRetry: configuration.strictPostRetry
            ) {
            case .success:
                do {
                    return try decode(response)
                } catch {
                    lastMessage = "unreadable answer: \(error.reason)"
                    switch CallClassification.classifyUnreadableSuccess(method: call.method) {
                    case .retry, .success: continue
                    case .fail(let kind): throw failure(kind, call, pathAndQuery, response.status, lastMessage)
                    }
                }
            case .retry:
                lastMessage = KeapErrorBody.message(for: response)
            case .fail(let kind):
                throw failure(kind, call, pathAndQuery, response.status, KeapErrorBody.message(for: response))
            }
        }
        throw failure(.retryable, call, pathAndQuery, lastStatus, "gave up after \(tries) tries: \(lastMessage)")
    }

    /// Adds the fixed headers and, as the very last step, the auth header: nothing built before this point (and no
    /// error) can contain the secret.
    private func authorized(_ request: HTTPRequest) -> HTTPRequest {
        var request = request
        request.headers["Accept"] = "application/json"
        if !request.body.isEmpty { request.headers["Content-Type"] = "application/json" }
        let auth = configuration.credentials.authorizationHeader
        request.headers[auth.name] = auth.value
        return request
    }

    /// Builds the error, scrubbing the secret from the message in case a server or proxy echoed it back.
    private func failure(_ kind: KeapCallError.Kind, _ call: APICall, _ pathAndQuery: String, _ status: Int?,
                         _ message: String) -> KeapCallError {
        let secret = configuration.credentials.secret.valueForAuthorizationHeader
        var scrubbed = message
        if !secret.isEmpty, scrubbed.contains(secret) {
            scrubbed = scrubbed.split(separator: secret, omittingEmptySubsequences: false).joined(separator: "<redacted>")
        }
        return KeapCallError(kind: kind, method: call.method, path: pathAndQuery, status: status, message: scrubbed)
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
        decodeItem: (JSONObject) throws(KeapDecodeError) -> Item
    ) async throws(KeapCallError) -> [Item] {
        var items: [Item] = []
        var pageToken: String?
        var seenTokens: Set<String> = []
        while true {
            var call = APICall(method: "GET", path: path, query: query)
            call.query.append((name: "page_size", value: String(configuration.pageSize)))
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

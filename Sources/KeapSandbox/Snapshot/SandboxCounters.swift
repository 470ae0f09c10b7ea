/// Request and fault counters for the dump and for test assertions.
package struct SandboxCounters: Sendable, Equatable {
    /// `/v2` requests by method (every request that reached the sandbox, including refused ones).
    package var requestsByMethod: [String: Int] = [:]
    /// Injected faults by kind name (`throttle429`, `error500BeforeApply`, `dropAfterApply`, `slow`, `poisonOrder`).
    package var faultsByKind: [String: Int] = [:]
    /// 429s from the rate limiter (not faults).
    package var rateLimited = 0
    /// 401s.
    package var unauthorized = 0
    package var forbiddenUsage = SandboxForbiddenUsage()
    /// Successful `/token` grants by `grant_type` (`authorization_code`, `refresh_token`).
    package var tokenGrants: [String: Int] = [:]
    /// `/token` requests refused (bad client, used or unknown refresh token, bad request).
    package var tokenRefusals = 0

    package init() {}

    package var totalRequests: Int { requestsByMethod.values.reduce(0, +) }
    package var totalFaults: Int { faultsByKind.values.reduce(0, +) }
}

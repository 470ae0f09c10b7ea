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

    package init() {}

    package var totalRequests: Int { requestsByMethod.values.reduce(0, +) }
    package var totalFaults: Int { faultsByKind.values.reduce(0, +) }
}

/// Sliding-window counters per credential kind: exact for "10 in any second, 240 in any minute" and simple enough to
/// trust in tests. Refused requests are not counted (they were not served).
struct SandboxRateLimiter: Sendable {
    private var accepted: [String: [ContinuousClock.Instant]] = [:]
    private var tenantAccepted: [ContinuousClock.Instant] = []
    private var dayCount: [String: Int] = [:]

    /// Records and admits the request, or returns false when a window is full (only when `limit` is given).
    mutating func admit(bucket: String, limit: SandboxRateLimit?, now: ContinuousClock.Instant) -> Bool {
        prune(now: now)
        let recent = accepted[bucket, default: []]
        if let limit {
            let lastSecond = recent.reversed().prefix { now - $0 < .seconds(1) }.count
            if lastSecond >= limit.perSecond || recent.count >= limit.perMinute { return false }
        }
        accepted[bucket, default: []].append(now)
        tenantAccepted.append(now)
        dayCount[bucket, default: 0] += 1
        return true
    }

    /// The `x-keap-*` throttle and quota headers describing `bucket` now.
    func headers(bucket: String, limit: SandboxRateLimit, now: ContinuousClock.Instant) -> [(name: String, value: String)] {
        let used = accepted[bucket, default: []].filter { now - $0 < .seconds(60) }.count
        let tenantUsed = tenantAccepted.filter { now - $0 < .seconds(60) }.count
        let dayUsed = dayCount[bucket, default: 0]
        return [
            ("x-keap-product-throttle-limit", String(limit.perMinute)),
            ("x-keap-product-throttle-time-unit", "minute"),
            ("x-keap-product-throttle-interval", "1"),
            ("x-keap-product-throttle-available", String(max(0, limit.perMinute - used))),
            ("x-keap-product-throttle-used", String(used)),
            ("x-keap-product-quota-limit", String(limit.perDay)),
            ("x-keap-product-quota-time-unit", "day"),
            ("x-keap-product-quota-interval", "1"),
            ("x-keap-product-quota-available", String(max(0, limit.perDay - dayUsed))),
            ("x-keap-product-quota-used", String(dayUsed)),
            ("x-keap-tenant-throttle-limit", String(limit.tenantPerMinute)),
            ("x-keap-tenant-throttle-time-unit", "minute"),
            ("x-keap-tenant-throttle-interval", "1"),
            ("x-keap-tenant-throttle-available", String(max(0, limit.tenantPerMinute - tenantUsed))),
            ("x-keap-tenant-throttle-used", String(tenantUsed)),
        ]
    }

    private mutating func prune(now: ContinuousClock.Instant) {
        for (bucket, instants) in accepted {
            accepted[bucket] = instants.filter { now - $0 < .seconds(60) }
        }
        tenantAccepted.removeAll { now - $0 >= .seconds(60) }
    }

    mutating func reset() {
        self = SandboxRateLimiter()
    }
}

/// Per-key request limits, enforced with sliding windows; defaults are the Service Account Key budget.
package struct SandboxRateLimit: Sendable, Equatable {
    package var perSecond: Int
    package var perMinute: Int
    /// Reported in the `x-keap-product-quota-*` headers only (not enforced: a day is longer than any test).
    package var perDay: Int
    /// Reported in the `x-keap-tenant-throttle-*` headers (per minute, all keys of the tenant).
    package var tenantPerMinute: Int

    package init(perSecond: Int = 10, perMinute: Int = 240, perDay: Int = 30_000, tenantPerMinute: Int = 10_000) {
        self.perSecond = perSecond
        self.perMinute = perMinute
        self.perDay = perDay
        self.tenantPerMinute = tenantPerMinute
    }
}

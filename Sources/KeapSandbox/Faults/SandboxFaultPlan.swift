/// Seeded, deterministic fault injection: each `/v2` request (optionally only some methods) draws from a SplitMix64
/// stream seeded with `seed`; with `probability` it gets one of `kinds`, chosen uniformly by the same stream. The
/// same seed and the same request sequence give the same faults.
package struct SandboxFaultPlan: Sendable, Equatable {
    package var seed: UInt64
    /// 0 = never, 1 = every request.
    package var probability: Double
    package var kinds: [SandboxFaultKind]
    /// Only requests with one of these methods draw (upper case); nil = every method.
    package var methods: Set<String>?
    /// Stop injecting after this many faults; nil = no limit (a bounded plan lets a retrying client finish).
    package var maxFaults: Int?

    package static let none = SandboxFaultPlan(seed: 0, probability: 0, kinds: [])

    package init(seed: UInt64, probability: Double, kinds: [SandboxFaultKind], methods: Set<String>? = nil, maxFaults: Int? = nil) {
        self.seed = seed
        self.probability = probability
        self.kinds = kinds
        self.methods = methods
        self.maxFaults = maxFaults
    }

    /// Whether this request takes part in the draw at all.
    func applies(toMethod method: String) -> Bool {
        probability > 0 && !kinds.isEmpty && (methods?.contains(method) ?? true)
    }
}

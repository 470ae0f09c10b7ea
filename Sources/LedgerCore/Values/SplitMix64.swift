/// SplitMix64 (Steele, Lea, Flood 2014): tiny, seedable and the same on every platform, unlike
/// `SystemRandomNumberGenerator`. Everything that must replay from a seed uses it: backoff jitter in tests, the
/// sandbox's fault draws, the benchmark's orders, randomised tests, and the seeding of the sample feed's xoshiro.
package struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    package init(seed: UInt64) {
        state = seed
    }

    package mutating func next() -> UInt64 {
        Self.step(&state)
    }

    /// A uniform value in [0, 1) from the top 53 bits.
    package mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// One step on a bare state: for callers that keep their own (a seed expansion, a stateless hash).
    package static func step(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

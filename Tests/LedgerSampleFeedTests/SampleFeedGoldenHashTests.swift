import Crypto
import LedgerSampleFeed
import Testing

/// The sample feed is promised byte-identical for a seed on every platform and Swift version (that is why it draws
/// from its own xoshiro256** and formats without Foundation). The determinism tests compare two runs of the same
/// build; this pins the bytes themselves, so a change of toolchain or of the generator that moves one byte fails here.
@Suite("Sample feed golden hash")
struct SampleFeedGoldenHashTests {
    /// SHA-256 of `keap-ledger sample-feed --events 2000 --seed 7`. A deliberate change of the generator updates it,
    /// and says so in the commit (every seeded feed, benchmark and fixture built from it changes too).
    static let golden = "9b8b3c9b1e258aba92cfc3b7b65eafa45cbf6d7f463d7904c963c0b2497232ea"

    @Test func aFixedSmallFeedHasTheGoldenHash() {
        var generator = SampleFeedGenerator(configuration: SampleFeedConfiguration(events: 2000, seed: 7))
        var hasher = SHA256()
        var size = 0
        generator.write { chunk in
            hasher.update(bufferPointer: chunk)
            size += chunk.count
        }
        let hex = hasher.finalize().map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        #expect(size > 0)
        #expect(hex == Self.golden)
    }
}

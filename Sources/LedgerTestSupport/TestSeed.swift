import Foundation

/// The seed of a randomised test: `KEAP_LEDGER_TEST_SEED` when set (to replay a failure), else a fresh one. Printed
/// either way, so that a failure can always be replayed with the seed it ran with.
package enum TestSeed {
    package static func make(_ test: String) -> UInt64 {
        let seed: UInt64
        if let text = ProcessInfo.processInfo.environment["KEAP_LEDGER_TEST_SEED"], let given = UInt64(text) {
            seed = given
        } else {
            var system = SystemRandomNumberGenerator()
            seed = system.next()
        }
        print("\(test): seed \(seed) (replay with KEAP_LEDGER_TEST_SEED=\(seed))")
        return seed
    }
}

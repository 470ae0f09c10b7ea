import Foundation

/// Where things are in the checkout, for tests that read fixtures or run the built binary.
package enum RepositoryPaths {
    /// The repository root (this file is Sources/LedgerTestSupport/RepositoryPaths.swift).
    package static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Tests/Fixtures/…`.
    package static func fixture(_ relativePath: String) -> URL {
        root.appendingPathComponent("Tests/Fixtures").appendingPathComponent(relativePath)
    }

    /// The built `keap-ledger` (override with KEAP_LEDGER_BIN).
    package static var binary: String {
        if let override = ProcessInfo.processInfo.environment["KEAP_LEDGER_BIN"], !override.isEmpty { return override }
        return root.appendingPathComponent(".build/debug/keap-ledger").path
    }
}

import Synchronization

/// Every secret a client has held (API key, access and refresh tokens, client secret, the Basic header, an
/// authorization code), so that a server message echoed into an error can be scrubbed of all of them (keap-sync.md
/// rule 8). Rotated tokens stay on the list: an old one in a message is still a credential of the tenant's.
package final class KeapSecretScrubber: Sendable {
    private let secrets = Mutex<[String]>([])

    package init(_ initial: [String] = []) {
        for secret in initial { add(secret) }
    }

    package func add(_ secret: String) {
        guard !secret.isEmpty else { return }
        secrets.withLock { list in
            guard !list.contains(secret) else { return }
            list.append(secret)
            // Longest first, so a secret that contains another is replaced whole.
            list.sort { $0.count > $1.count }
        }
    }

    /// `text` with every known secret replaced by `<redacted>`.
    package func scrub(_ text: String) -> String {
        secrets.withLock { list in
            var scrubbed = text
            for secret in list where scrubbed.contains(secret) {
                scrubbed = scrubbed.split(separator: secret, omittingEmptySubsequences: false).joined(separator: "<redacted>")
            }
            return scrubbed
        }
    }
}

import Foundation
import LedgerCore

/// What the outbox records for one folded stream: which stream, whether it may be sent, and the SHA-256 of its Keap
/// view as of its last event. Small and computed on a fold worker, so the writing thread handles no fold state.
package struct DesiredOutboxState: Sendable {
    package let stream: String
    package let kind: StreamKind
    package let reference: String
    /// The stream's last seq the hash reflects (`desired_version`).
    package let version: Int64
    package let isReady: Bool
    package let hash: Data

    package init(stream: String, kind: StreamKind, reference: String, version: Int64, isReady: Bool, hash: Data) {
        self.stream = stream
        self.kind = kind
        self.reference = reference
        self.version = version
        self.isReady = isReady
        self.hash = hash
    }
}

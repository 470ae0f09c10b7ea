import Crypto
import LedgerCore

extension KeapView {
    /// SHA-256 of the view's canonical bytes: the outbox's `desired_hash`, computed by the projector and again by the
    /// flush, relink and reconcile, which must agree byte for byte (one definition for both).
    package var sha256: [UInt8] {
        Array(SHA256.hash(data: bytes))
    }
}

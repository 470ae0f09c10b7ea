import Crypto
import LedgerCore

extension KeapView {
    /// SHA-256 of the view's canonical bytes: the outbox's `desired_hash`, computed by the projector and again by the
    /// flush, relink and reconcile, which must agree byte for byte (one definition for both).
    package var sha256: [UInt8] {
        // The digest's bytes in one copy (`Array(digest)` walks it as a sequence, byte by byte).
        SHA256.hash(data: bytes).withUnsafeBytes { Array($0) }
    }
}

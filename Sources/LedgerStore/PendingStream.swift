import Foundation
import LedgerCore

/// One outbox stream due to be sent: what the projector wants Keap to show and what Keap last confirmed.
package struct PendingStream: Sendable, Equatable {
    package let stream: String
    package let kind: StreamKind
    package let ref: String
    /// SHA-256 of the desired KeapView bytes, as the projector recorded it.
    package let desiredHash: Data
    package let desiredVersion: Int64
    /// Failed flush attempts since the last success.
    package let attempts: Int
    /// The KeapView bytes Keap last confirmed; nil before the first success.
    package let confirmedJSON: [UInt8]?
}

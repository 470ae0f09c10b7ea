/// A request that got no HTTP answer. The kind says whether the request can have reached the server, which decides
/// whether a POST may be re-sent (keap-sync-plan.md 6.4).
package struct TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Kind: String, Sendable, Equatable {
        /// The request never left: connection refused, host not found, DNS or TLS handshake failure. Not applied.
        case cannotConnect
        /// No answer in time; the server may have applied the request.
        case timedOut
        /// The connection broke after the request was (possibly) sent, or the answer was not HTTP.
        case connectionLost
        /// Anything else; treated like `connectionLost` for a POST (may have been applied).
        case other
    }

    package let kind: Kind
    /// What the transport reported, e.g. `URLError -1004`; never headers or secrets.
    package let detail: String

    package init(_ kind: Kind, detail: String) {
        self.kind = kind
        self.detail = detail
    }

    package var description: String { "\(kind.rawValue): \(detail)" }
}

/// Why a Keap call failed, classified by what the caller may do next (keap-sync-plan.md 6.4). It carries the method,
/// the path and Keap's message: never headers, the API key or the token.
package struct KeapCallError: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Kind: String, Sendable {
        /// Not applied, or idempotent: safe to try again later.
        case retryable
        /// A POST may have been applied: look the object up before creating it again.
        case unknownOutcome
        /// 400/404/405/409/422/501 (or an answer that cannot be read): will not succeed as sent.
        case permanent
        /// 401/403: stop the run.
        case authentication
    }

    package let kind: Kind
    package let method: String
    /// Path and query as sent, without scheme and host.
    package let path: String
    /// nil = no HTTP answer.
    package let status: Int?
    /// Keap's `message`, or what the transport reported; never a secret.
    package let message: String

    package init(kind: Kind, method: String, path: String, status: Int?, message: String) {
        self.kind = kind
        self.method = method
        self.path = path
        self.status = status
        self.message = message
    }

    package var description: String {
        let answer = status.map { "HTTP \($0)" } ?? "no HTTP answer"
        return "\(method) \(path): \(kind.rawValue) (\(answer)): \(message)"
    }
}

/// One injected failure. Which ones leave state changed matters to the client's unknown-outcome handling.
package enum SandboxFaultKind: Sendable, Equatable, CustomStringConvertible {
    /// 429 with Keap's exact quota body; nothing applied (a gateway refusal).
    case throttle429
    /// 500 `Error` body; nothing applied.
    case error500BeforeApply
    /// The request is applied, then the TCP connection is closed with no response at all.
    case dropAfterApply
    /// The request is applied and answered after `delay` (a client timeout makes it an unknown outcome).
    case slow(Duration)

    /// The name used in counters, the call log and the admin API (`slow:<ms>` parses back).
    package var name: String {
        switch self {
        case .throttle429: "throttle429"
        case .error500BeforeApply: "error500BeforeApply"
        case .dropAfterApply: "dropAfterApply"
        case .slow: "slow"
        }
    }

    package var description: String {
        if case .slow(let delay) = self {
            let (seconds, attoseconds) = delay.components
            return "slow:\(seconds * 1000 + attoseconds / 1_000_000_000_000_000)"
        }
        return name
    }

    /// Parses `throttle429`, `error500BeforeApply`, `dropAfterApply`, `slow:<milliseconds>`.
    package init?(name: String) {
        switch name {
        case "throttle429": self = .throttle429
        case "error500BeforeApply": self = .error500BeforeApply
        case "dropAfterApply": self = .dropAfterApply
        default:
            guard name.hasPrefix("slow:"), let millis = Int(name.dropFirst(5)), millis >= 0 else { return nil }
            self = .slow(.milliseconds(millis))
        }
    }
}

/// The credential a request carried. The secret stays inside this value: `description` is redacted so that an
/// accidental interpolation cannot leak it into a log or the dump.
enum SandboxCredential: Sendable, CustomStringConvertible {
    case none
    case apiKey(String)
    case bearer(String)
    /// `Authorization: Basic` (the token endpoint's client authentication), decoded.
    case basic(clientID: String, secret: String)

    /// Rate-limit bucket label: which kind of credential, never its value.
    var bucket: String {
        switch self {
        case .none: "none"
        case .apiKey: "api-key"
        case .bearer: "bearer"
        case .basic: "basic"
        }
    }

    var description: String { "\(bucket)(<redacted>)" }
}

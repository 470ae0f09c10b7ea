/// An API key or access token. Every textual form of it is `<redacted>` (description, debug description, `dump`),
/// so a secret that ends up in a log line, an error or a configuration print shows nothing (keap-sync.md rule 8).
/// The value itself is read only where the auth header is attached, as the last step before sending.
package struct KeapSecret: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let value: String

    package init(_ value: String) {
        self.value = value
    }

    /// The secret's text, for the one place that builds the auth header (and for tests that look for leaks).
    package var valueForAuthorizationHeader: String { value }

    package var description: String { "<redacted>" }
    package var debugDescription: String { "<redacted>" }
    /// Without this, `dump(secret)` and reflection-based printing would show the stored property.
    package var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

/// A configuration the sandbox cannot run with (reported before the server binds).
package struct SandboxConfigurationError: Error, Sendable, CustomStringConvertible {
    package let description: String

    init(_ description: String) {
        self.description = description
    }
}

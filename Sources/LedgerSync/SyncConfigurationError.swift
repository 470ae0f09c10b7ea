/// A sync setting that cannot be used as given (exit 64): the message names the setting, the value and the fix.
package struct SyncConfigurationError: Error, Sendable, CustomStringConvertible {
    package let message: String

    package init(_ message: String) {
        self.message = message
    }

    package var description: String { message }
}

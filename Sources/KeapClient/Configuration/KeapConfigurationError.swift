/// Why the Keap connection settings cannot be used. Messages name the variable and, for non-secret variables, the
/// bad value; a secret's value is never part of the message.
package struct KeapConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The environment variable at fault (or both, for a missing or doubled credential).
    package let variable: String
    /// What is wrong and what to do, for an operator.
    package let message: String

    package init(variable: String, message: String) {
        self.variable = variable
        self.message = message
    }

    package var description: String { message }
}

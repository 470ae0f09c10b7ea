import Foundation

/// Reads environment variables (one place, so the CLI's configuration keys are easy to find).
enum Environment {
    static func value(_ name: String) -> String? {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return nil }
        return value
    }
}

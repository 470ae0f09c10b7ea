import Foundation

/// An `application/x-www-form-urlencoded` body (the token endpoint's). A parameter given twice is refused, as RFC 6749
/// 3.2 requires ("parameters MUST NOT be included more than once").
struct SandboxForm: Sendable {
    private var values: [String: String] = [:]

    init(_ body: [UInt8]) throws(SandboxOAuthError) {
        let text = String(decoding: body, as: UTF8.self)
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]), let value = Self.decode(parts.count > 1 ? parts[1] : "") else {
                throw .invalidRequest("the body is not valid form encoding")
            }
            guard values[name] == nil else { throw .invalidRequest("parameter \(name) is given more than once") }
            values[name] = value
        }
    }

    subscript(name: String) -> String? {
        values[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    func required(_ name: String) throws(SandboxOAuthError) -> String {
        guard let value = self[name] else { throw .invalidRequest("missing parameter: \(name)") }
        return value
    }

    private static func decode(_ part: Substring) -> String? {
        String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}

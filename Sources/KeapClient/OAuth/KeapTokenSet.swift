import Foundation
import LedgerCore

/// The OAuth2 tokens of one authorization: the bearer for API calls, the refresh token that buys the next pair, and
/// when the bearer stops working. Printed forms show the expiry only.
package struct KeapTokenSet: Sendable, CustomStringConvertible {
    package var accessToken: KeapSecret
    package var refreshToken: KeapSecret
    /// Wall-clock time (the file must mean the same to every process and after a restart, so not a monotonic clock).
    package var expiresAt: Date

    package init(accessToken: KeapSecret, refreshToken: KeapSecret, expiresAt: Date) {
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.expiresAt = expiresAt
    }

    /// True when the access token is expired or expires within `margin` of `now`.
    package func expires(within margin: Duration, now: Date = Date()) -> Bool {
        expiresAt.timeIntervalSince(now) < Double(margin.components.seconds)
    }

    /// `expires_at` as written in the file and printed by `keap auth`: UTC, whole seconds.
    package var expiresAtText: String { Self.timestamp(expiresAt) }

    package var description: String { "tokens(<redacted>, expires at \(expiresAtText))" }

    // MARK: - The file's JSON

    /// `{"access_token": …, "refresh_token": …, "expires_at": "2026-11-24T16:40:00Z"}`.
    var fileBytes: [UInt8] {
        var bytes: [UInt8] = []
        JSONWriter.write(.object([
            "access_token": .string(accessToken.valueForAuthorizationHeader),
            "refresh_token": .string(refreshToken.valueForAuthorizationHeader),
            "expires_at": .string(expiresAtText),
        ]), into: &bytes)
        bytes.append(0x0A)
        return bytes
    }

    /// Parses the file's JSON; the reason names the member at fault, never a value (they are secrets).
    static func parse(fileBytes bytes: [UInt8]) -> Result<KeapTokenSet, KeapTokenFileError.Reason> {
        guard case .object(let object)? = try? JSONParser.parse(bytes) else {
            return .failure(.malformed("it is not a JSON object"))
        }
        var texts: [String: String] = [:]
        for key in ["access_token", "refresh_token", "expires_at"] {
            guard case .string(let text)? = object[key], !text.isEmpty else {
                return .failure(.malformed("\(key) is missing or not a non-empty string"))
            }
            if key != "expires_at", !isHeaderSafe(text) {
                return .failure(.malformed("\(key) contains spaces, line breaks or control characters"))
            }
            texts[key] = text
        }
        guard let expiresAt = parseTimestamp(texts["expires_at"]!) else {
            return .failure(.malformed("expires_at is not a UTC timestamp like 2026-11-24T16:40:00Z"))
        }
        return .success(KeapTokenSet(accessToken: KeapSecret(texts["access_token"]!),
                                     refreshToken: KeapSecret(texts["refresh_token"]!), expiresAt: expiresAt))
    }

    /// A token goes into a header (bearer) or a form body; a control character or space would corrupt either.
    static func isHeaderSafe(_ text: String) -> Bool {
        !text.unicodeScalars.contains { $0.value < 0x21 || $0.value == 0x7F }
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)))
    }

    static func parseTimestamp(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}

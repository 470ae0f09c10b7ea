import Foundation

/// Pagination shared by every list: `page_size` 0…1000 (0 or absent = the configured default), an opaque
/// `page_token`, and `next_page_token` only when another page exists.
struct SandboxPage: Sendable {
    let offset: Int
    let size: Int

    static let maximumSize = 1000

    init(request: SandboxRequest, defaultSize: Int) throws {
        var size = defaultSize
        if let text = try request.queryValue("page_size") {
            guard let value = Int(text), (0...SandboxPage.maximumSize).contains(value) else {
                throw SandboxHTTPError.badRequest("page_size must be an integer from 0 to \(SandboxPage.maximumSize), not \(text)")
            }
            if value > 0 { size = value }
        }
        self.size = max(1, size)
        offset = try SandboxPage.offset(token: request.queryValue("page_token"))
    }

    /// The slice for this page and the token of the next one (nil on the last page).
    func slice<Element>(_ elements: [Element]) -> (page: [Element], nextToken: String?) {
        guard offset < elements.count else { return ([], nil) }
        let end = min(elements.count, offset + size)
        return (Array(elements[offset..<end]), end < elements.count ? SandboxPage.token(offset: end) : nil)
    }

    /// Tokens are base64 so clients treat them as opaque instead of computing offsets.
    static func token(offset: Int) -> String {
        Data("offset:\(offset)".utf8).base64EncodedString()
    }

    static func offset(token: String?) throws -> Int {
        guard let token, !token.isEmpty else { return 0 }
        guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8),
              text.hasPrefix("offset:"), let offset = Int(text.dropFirst(7)), offset >= 0
        else { throw SandboxHTTPError.badRequest("invalid page_token") }
        return offset
    }
}

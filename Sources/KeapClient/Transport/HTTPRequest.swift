/// One outgoing HTTP request. Its printed forms leave the headers out, because one of them carries the secret.
package struct HTTPRequest: Sendable, CustomStringConvertible, CustomReflectable {
    package var method: String
    /// Absolute URL, query already percent-encoded.
    package var url: String
    package var headers: [String: String]
    package var body: [UInt8]

    package init(method: String, url: String, headers: [String: String] = [:], body: [UInt8] = []) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    package var description: String { "\(method) \(url) (\(body.count) body bytes)" }
    /// `dump` and reflection would otherwise print the headers, the auth header included.
    package var customMirror: Mirror {
        Mirror(self, children: ["method": method, "url": url, "bodyBytes": body.count], displayStyle: .struct)
    }
}

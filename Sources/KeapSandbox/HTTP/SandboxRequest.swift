/// One HTTP request as the state actor sees it: already read off the wire, so the actor never awaits I/O.
struct SandboxRequest: Sendable {
    /// Upper-case method.
    let method: String
    /// The path without the query, percent-decoded per segment.
    let segments: [String]
    /// The raw path (for the call log; no secrets travel in paths).
    let path: String
    /// The raw query string (no leading `?`), or nil.
    let rawQuery: String?
    /// Decoded query parameters in order; repeated names kept.
    let query: [(name: String, value: String)]
    let credential: SandboxCredential
    /// The `Content-Type` header (the token endpoint insists on form encoding).
    let contentType: String?
    /// The body bytes (empty when none was sent).
    let body: [UInt8]

    /// All values of a query parameter, in order.
    func queryValues(_ name: String) -> [String] {
        query.filter { $0.name == name }.map(\.value)
    }

    /// The single value of a query parameter; a repeated one is refused (ambiguous).
    func queryValue(_ name: String) throws -> String? {
        let values = queryValues(name)
        guard values.count <= 1 else { throw SandboxHTTPError.badRequest("query parameter \(name) given \(values.count) times") }
        return values.first
    }

    /// The path with the query, as the call log shows it.
    var pathWithQuery: String {
        rawQuery.map { path + "?" + $0 } ?? path
    }
}

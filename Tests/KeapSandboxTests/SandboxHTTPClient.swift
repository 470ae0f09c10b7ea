import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import LedgerCore

/// A plain URLSession client for the tests: real HTTP against the sandbox on 127.0.0.1, no Keap logic of its own.
struct SandboxHTTPClient: Sendable {
    let baseURL: String
    var apiKey: String? = "sandbox-key"
    var bearer: String?

    /// One status, headers (lower-case names) and body.
    struct Answer: Sendable {
        let status: Int
        let headers: [String: String]
        let text: String

        /// The body as JSON (nil when empty or not JSON).
        var json: JSONValue? { try? JSONParser.parse(Array(text.utf8)) }
    }

    private static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 10
        configuration.urlCache = nil
        return URLSession(configuration: configuration)
    }()

    /// `path` includes the query (already encoded where needed); `body` is sent as written.
    func send(_ method: String, _ path: String, body: String? = nil, timeout: TimeInterval = 10) async throws -> Answer {
        var request = URLRequest(url: URL(string: baseURL + path)!)
        request.httpMethod = method
        request.timeoutInterval = timeout
        if let apiKey { request.setValue(apiKey, forHTTPHeaderField: "X-Keap-API-Key") }
        if let bearer { request.setValue("Bearer \(bearer)", forHTTPHeaderField: "Authorization") }
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await SandboxHTTPClient.session.data(for: request)
        let http = response as! HTTPURLResponse
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            headers[String(describing: name).lowercased()] = String(describing: value)
        }
        return Answer(status: http.statusCode, headers: headers, text: String(decoding: data, as: UTF8.self))
    }

    /// A filter value encoded for the query (`==` → `%3D%3D`, `;` → `%3B`, `*` → `%2A`).
    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-_.~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed)!
    }
}

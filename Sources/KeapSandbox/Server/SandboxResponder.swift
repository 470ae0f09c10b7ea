import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The whole HTTP surface in one responder (no `Router`): Keap paths contain `:` actions (`{id}:applyTax`) and the
/// sandbox must answer 404/405 in Keap's `Error` shape, both simpler to do by hand. Reads the request completely,
/// lets the state actor answer, then carries out connection-level faults outside the actor.
struct SandboxResponder: HTTPResponder {
    typealias Context = SandboxRequestContext

    let state: SandboxState

    func respond(to request: Request, context: SandboxRequestContext) async throws -> Response {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        let sandboxRequest = SandboxResponder.sandboxRequest(request, body: Array(buffer.readableBytesView))
        let reply = await state.handle(sandboxRequest)
        switch reply.disposition {
        case .respond:
            break
        case .delay(let delay):
            try await Task.sleep(for: delay)
        case .drop:
            // The change is applied; close the TCP connection before any byte of the answer is written, then throw
            // so that Hummingbird's attempt to write a 500 fails on the closed channel too.
            try? await context.channel.close()
            throw SandboxConnectionDropped()
        }
        var headers = HTTPFields()
        for header in reply.headers {
            if let name = HTTPField.Name(header.name) { headers[name] = header.value }
        }
        guard let body = reply.body else { return Response(status: .init(code: reply.status), headers: headers) }
        headers[.contentType] = "application/json"
        return Response(
            status: .init(code: reply.status),
            headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body))
        )
    }

    /// Splits the target into decoded path segments and query parameters, and picks up the credential.
    static func sandboxRequest(_ request: Request, body: [UInt8]) -> SandboxRequest {
        let target = request.uri.string
        let pathPart: Substring
        let rawQuery: String?
        if let mark = target.firstIndex(of: "?") {
            pathPart = target[..<mark]
            rawQuery = String(target[target.index(after: mark)...])
        } else {
            pathPart = target[...]
            rawQuery = nil
        }
        let segments = pathPart.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
        var query: [(name: String, value: String)] = []
        for pair in rawQuery?.split(separator: "&") ?? [] {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0]).removingPercentEncoding ?? String(parts[0])
            let value = parts.count > 1 ? (String(parts[1]).removingPercentEncoding ?? String(parts[1])) : ""
            query.append((name, value))
        }
        var credential = SandboxCredential.none
        if let key = request.headers[HTTPField.Name("X-Keap-API-Key")!] {
            credential = .apiKey(key)
        } else if let authorization = request.headers[.authorization], authorization.lowercased().hasPrefix("bearer ") {
            credential = .bearer(String(authorization.dropFirst(7)).trimmingCharacters(in: .whitespaces))
        } else if let authorization = request.headers[.authorization], authorization.lowercased().hasPrefix("basic ") {
            // Undecodable or without a colon: an empty pair, which no configured client matches.
            let decoded = Data(base64Encoded: String(authorization.dropFirst(6)).trimmingCharacters(in: .whitespaces))
                .map { String(decoding: $0, as: UTF8.self) } ?? ""
            let parts = decoded.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            credential = parts.count == 2 ? .basic(clientID: String(parts[0]), secret: String(parts[1])) : .basic(clientID: "", secret: "")
        }
        return SandboxRequest(
            method: request.method.rawValue, segments: segments, path: String(pathPart), rawQuery: rawQuery,
            query: query, credential: credential, contentType: request.headers[.contentType], body: body
        )
    }
}

import LedgerCore

/// A response ready to write: status, extra headers and body bytes.
struct SandboxReply: Sendable {
    var status: Int
    var headers: [(name: String, value: String)] = []
    /// Raw body bytes; nil = no body (204).
    var body: [UInt8]?
    var disposition: SandboxDisposition = .respond

    init(status: Int, json: JSONValue) {
        self.status = status
        var bytes: [UInt8] = []
        JSONWriter.write(json, into: &bytes)
        body = bytes
    }

    init(status: Int, rawJSON: String) {
        self.status = status
        body = Array(rawJSON.utf8)
    }

    /// An empty answer (204 No Content).
    static func noContent() -> SandboxReply {
        var reply = SandboxReply(status: 204, rawJSON: "")
        reply.body = nil
        return reply
    }

    init(error: SandboxHTTPError) {
        self.init(status: error.status, json: error.body)
    }
}

/// One HTTP answer. Header names are lower-cased so lookups need not care how the server spelled them.
package struct HTTPResponse: Sendable, Equatable {
    package var status: Int
    /// Lower-cased names.
    package var headers: [String: String]
    package var body: [UInt8]

    package init(status: Int, headers: [String: String] = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        self.body = body
    }
}

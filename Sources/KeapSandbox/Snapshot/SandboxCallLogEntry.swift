/// One `/v2` call as the sandbox saw it. No headers are recorded, so no credential can appear here.
package struct SandboxCallLogEntry: Sendable, Equatable {
    package let method: String
    /// Path and query as sent.
    package let path: String
    /// nil when the connection was dropped without an answer.
    package let status: Int?
    /// The injected fault's name, if any.
    package let fault: String?
}

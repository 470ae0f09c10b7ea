/// What to do with one try's result (keap-sync-plan.md 6.4). GET, PATCH and DELETE are idempotent: any failure that
/// might be transient is retried. A POST (create) is re-sent only when the answer proves it was not applied (429, or
/// a connection that never opened); once bytes may have reached Keap, the caller must look the object up first.
enum CallClassification: Equatable {
    /// Done: the answer is the result.
    case success
    /// Try again after backoff; when no tries are left, report `.retryable`.
    case retry
    /// Stop now with this kind.
    case fail(KeapCallError.Kind)

    static func classify(status: Int, method: String, strictPostRetry: Bool) -> CallClassification {
        let isCreate = method == "POST"
        switch status {
        case 200..<300:
            return .success
        case 404 where method == "DELETE":
            // Already gone is what the DELETE wanted.
            return .success
        case 401, 403:
            return .fail(.authentication)
        case 429:
            // Keap's gateway refused before the API saw the request.
            return isCreate && strictPostRetry ? .fail(.unknownOutcome) : .retry
        case 408:
            // The server gave up waiting for us; whether a POST's effects happened is not documented.
            return isCreate ? .fail(.unknownOutcome) : .retry
        case 501:
            return .fail(.permanent)
        case 500..<600:
            return isCreate ? .fail(.unknownOutcome) : .retry
        case 400..<500:
            return .fail(.permanent)
        default:
            // 1xx/3xx reaching us (the transport follows no redirect): not understood. A POST may have been applied.
            return .fail(isCreate ? .unknownOutcome : .permanent)
        }
    }

    static func classify(transport kind: TransportError.Kind, method: String) -> CallClassification {
        switch kind {
        case .cannotConnect:
            return .retry
        case .timedOut, .connectionLost, .other:
            return method == "POST" ? .fail(.unknownOutcome) : .retry
        }
    }

    /// A 2xx that cannot be read: the create may have happened.
    static func classifyUnreadableSuccess(method: String) -> CallClassification {
        method == "POST" ? .fail(.unknownOutcome) : .retry
    }
}

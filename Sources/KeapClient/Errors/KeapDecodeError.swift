/// A 2xx answer whose body is not what the OpenAPI document describes. For a POST this is an unknown outcome (the
/// create may have happened); for other methods it is retried like a broken answer.
struct KeapDecodeError: Error, Sendable, Equatable {
    let reason: String

    init(_ reason: String) {
        self.reason = reason
    }
}

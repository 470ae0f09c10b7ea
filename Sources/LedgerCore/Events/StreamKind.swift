/// The four kinds of stream; a stream is named `<kind>/<external ref>`.
package enum StreamKind: String, Sendable, CaseIterable {
    case customer
    case product
    case order
    case subscription

    /// The stream name for `reference`, e.g. `order/FH-10023`.
    package func stream(_ reference: String) -> String { rawValue + "/" + reference }
}

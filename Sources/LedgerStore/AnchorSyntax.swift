/// Why a text is not an anchor; the callers put the file, line or option in front of it.
struct AnchorSyntax: Error {
    let reason: String

    init(_ reason: String) {
        self.reason = reason
    }
}

extension AnchorSyntax: CustomStringConvertible {
    var description: String { reason }
}

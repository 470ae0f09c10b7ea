/// `order_by=<field> [asc|desc]`, validated against the fields a list allows.
struct SandboxOrderBy: Sendable {
    let field: String
    let descending: Bool

    init(_ text: String?, allowed: [String], defaultField: String) throws {
        guard let text, !text.isEmpty else {
            field = defaultField
            descending = false
            return
        }
        let words = text.split(whereSeparator: { $0 == " " || $0 == "+" }).map(String.init)
        guard (1...2).contains(words.count), allowed.contains(words[0]) else {
            throw SandboxHTTPError.badRequest("order_by must be one of \(allowed.joined(separator: ", ")) with asc or desc, not '\(text)'")
        }
        field = words[0]
        if words.count == 2 {
            guard words[1] == "asc" || words[1] == "desc" else {
                throw SandboxHTTPError.badRequest("order_by direction must be asc or desc, not '\(words[1])'")
            }
            descending = words[1] == "desc"
        } else {
            descending = false
        }
    }
}

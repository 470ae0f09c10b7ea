/// One `name op value` clause of a Keap `filter` (clauses are joined by `;`; there is no escape syntax).
struct SandboxFilterClause: Sendable {
    let field: String
    let op: SandboxFilterOperator
    let value: String

    /// Parses the whole `filter` text; an empty clause or one without an operator is refused.
    static func parseAll(_ filter: String?) throws -> [SandboxFilterClause] {
        guard let filter, !filter.isEmpty else { return [] }
        return try filter.split(separator: ";", omittingEmptySubsequences: false).map { try parse(String($0)) }
    }

    static func parse(_ clause: String) throws -> SandboxFilterClause {
        // The field name has no operator characters, so the first one starts the operator.
        guard let start = clause.firstIndex(where: { "=!<>".contains($0) }) else {
            throw SandboxHTTPError.badRequest("invalid filter clause '\(clause)': expected field==value")
        }
        let field = String(clause[..<start])
        let rest = clause[start...]
        let op: SandboxFilterOperator
        if rest.hasPrefix("==") { op = .equal }
        else if rest.hasPrefix("!=") { op = .notEqual }
        else if rest.hasPrefix("<=") { op = .lessOrEqual }
        else if rest.hasPrefix(">=") { op = .greaterOrEqual }
        else if rest.hasPrefix("<") { op = .less }
        else if rest.hasPrefix(">") { op = .greater }
        else { throw SandboxHTTPError.badRequest("invalid operator in filter clause '\(clause)'") }
        guard !field.isEmpty else { throw SandboxHTTPError.badRequest("filter clause '\(clause)' has no field name") }
        return SandboxFilterClause(field: field, op: op, value: String(rest.dropFirst(op.rawValue.count)))
    }

    /// 400 unless the operator is one of `allowed`.
    func require(_ allowed: Set<SandboxFilterOperator>) throws {
        guard allowed.contains(op) else {
            throw SandboxHTTPError.badRequest("filter field \(field) does not support the operator \(op.rawValue)")
        }
    }

    /// Keap's text match: case-insensitive, a trailing `*` matches any suffix.
    func textMatches(_ candidate: String?) -> Bool {
        guard let candidate else { return false }
        let left = candidate.lowercased()
        if value.hasSuffix("*") {
            return left.hasPrefix(value.dropLast().lowercased())
        }
        return left == value.lowercased()
    }

    /// Numeric comparison of decimal texts (ids, numeric custom fields); false when either is not a number.
    func numberHolds(_ candidate: String?) -> Bool {
        guard let candidate, let left = Double(candidate), let right = Double(value) else { return false }
        return op.holds(left < right ? -1 : (left > right ? 1 : 0))
    }

    /// Ordering comparison of texts (ISO-8601 times in one zone compare as text).
    func textOrderHolds(_ candidate: String?) -> Bool {
        guard let candidate else { return false }
        return op.holds(candidate < value ? -1 : (candidate > value ? 1 : 0))
    }
}

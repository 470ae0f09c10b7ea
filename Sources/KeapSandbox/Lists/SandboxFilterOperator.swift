/// A comparison in a `filter` clause.
enum SandboxFilterOperator: String, Sendable {
    case equal = "=="
    case notEqual = "!="
    case lessOrEqual = "<="
    case greaterOrEqual = ">="
    case less = "<"
    case greater = ">"

    /// Compares two values already reduced to a common ordering (-1, 0, 1).
    func holds(_ order: Int) -> Bool {
        switch self {
        case .equal: order == 0
        case .notEqual: order != 0
        case .lessOrEqual: order <= 0
        case .greaterOrEqual: order >= 0
        case .less: order < 0
        case .greater: order > 0
        }
    }
}

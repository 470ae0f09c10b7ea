/// One way a Keap order differs from the ledger's: which field, and both values as a person reads them.
package struct OrderDifference: Sendable, Equatable, CustomStringConvertible {
    package let field: String
    package let ledger: String
    package let keap: String

    package var description: String { "\(field): ledger \(ledger), Keap \(keap)" }
}

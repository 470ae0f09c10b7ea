/// One way a Keap record (an order, a subscription) differs from the ledger's: which field, and both values as a person reads them.
package struct FieldDifference: Sendable, Equatable, CustomStringConvertible {
    package let field: String
    package let ledger: String
    package let keap: String

    package var description: String { "\(field): ledger \(ledger), Keap \(keap)" }
}

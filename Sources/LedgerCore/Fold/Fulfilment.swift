/// Where the goods are, derived from shipments (not from the status the source reports).
package enum Fulfilment: String, Sendable, Equatable, CaseIterable {
    /// Nothing shipped (or every shipment came back before anything else shipped: see `returned`).
    case unshipped
    /// Some, not all, of the ordered quantities are on their way or delivered.
    case partiallyShipped = "partially_shipped"
    /// Every ordered quantity shipped; not all of it delivered yet.
    case shipped
    /// Every ordered quantity shipped and every shipment delivered.
    case delivered
    /// Every shipment came back.
    case returned
}

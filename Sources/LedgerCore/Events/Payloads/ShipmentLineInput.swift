/// One line of a shipment: which order line, how many.
package struct ShipmentLineInput: Sendable, Equatable {
    package var lineRef: String
    package var quantity: Int

    package init(lineRef: String, quantity: Int) {
        self.lineRef = lineRef
        self.quantity = quantity
    }
}

/// One shipment of an order, with its lines resolved when it shipped.
package struct Shipment: Sendable, Equatable {
    package let shipmentRef: String
    package let carrier: String
    package let service: String?
    package let trackingNumber: String?
    package let trackingURL: String?
    /// True when the event named no lines: it shipped what remained of every line.
    package let wholeOrder: Bool
    /// Line ref → quantity, in the event's order (for a whole-order shipment: the quantities that remained).
    package let lines: [ShipmentLineInput]
    package let shippedAt: Timestamp
    package var deliveredAt: Timestamp?
    package var returnedAt: Timestamp?
    package var returnReason: String?
    /// The `shipment.shipped` event's seq.
    package let seq: Int64

    package init(
        shipmentRef: String, carrier: String, service: String?, trackingNumber: String?, trackingURL: String?,
        wholeOrder: Bool, lines: [ShipmentLineInput], shippedAt: Timestamp, seq: Int64
    ) {
        self.shipmentRef = shipmentRef
        self.carrier = carrier
        self.service = service
        self.trackingNumber = trackingNumber
        self.trackingURL = trackingURL
        self.wholeOrder = wholeOrder
        self.lines = lines
        self.shippedAt = shippedAt
        self.seq = seq
    }
}

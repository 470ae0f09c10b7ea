/// `shipment.shipped`. `lines` nil means the whole order shipped.
package struct ShipmentShipped: Sendable, Equatable {
    package var orderRef: String
    package var shipmentRef: String
    package var carrier: String
    package var service: String?
    package var trackingNumber: String?
    package var trackingURL: String?
    package var lines: [ShipmentLineInput]?

    package init(
        orderRef: String, shipmentRef: String, carrier: String, service: String? = nil, trackingNumber: String? = nil,
        trackingURL: String? = nil, lines: [ShipmentLineInput]? = nil
    ) {
        self.orderRef = orderRef
        self.shipmentRef = shipmentRef
        self.carrier = carrier
        self.service = service
        self.trackingNumber = trackingNumber
        self.trackingURL = trackingURL
        self.lines = lines
    }
}

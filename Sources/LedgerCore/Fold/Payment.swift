/// One captured payment of an order.
package struct Payment: Sendable, Equatable {
    package let paymentRef: String
    /// Minor units of the order's currency.
    package let amount: Int64
    package let method: PaymentMethod?
    package let gatewayRef: String?
    package let capturedAt: Timestamp
    /// Sum of the refunds recorded against this payment.
    package var refunded: Int64 = 0
    /// The `payment.captured` event's seq.
    package let seq: Int64

    package init(paymentRef: String, amount: Int64, method: PaymentMethod?, gatewayRef: String?, capturedAt: Timestamp, seq: Int64) {
        self.paymentRef = paymentRef
        self.amount = amount
        self.method = method
        self.gatewayRef = gatewayRef
        self.capturedAt = capturedAt
        self.seq = seq
    }
}

/// `payment.captured`. The amount is checked against the order's currency when projected.
package struct PaymentCaptured: Sendable, Equatable {
    package var orderRef: String
    package var paymentRef: String
    package var amount: DecimalAmount
    package var method: PaymentMethod?
    package var gatewayRef: String?

    package init(orderRef: String, paymentRef: String, amount: DecimalAmount, method: PaymentMethod? = nil, gatewayRef: String? = nil) {
        self.orderRef = orderRef
        self.paymentRef = paymentRef
        self.amount = amount
        self.method = method
        self.gatewayRef = gatewayRef
    }
}

/// `payment.refunded`: money returned against one payment.
package struct PaymentRefunded: Sendable, Equatable {
    package var orderRef: String
    package var paymentRef: String
    package var refundRef: String
    package var amount: DecimalAmount
    package var reason: String?

    package init(orderRef: String, paymentRef: String, refundRef: String, amount: DecimalAmount, reason: String? = nil) {
        self.orderRef = orderRef
        self.paymentRef = paymentRef
        self.refundRef = refundRef
        self.amount = amount
        self.reason = reason
    }
}

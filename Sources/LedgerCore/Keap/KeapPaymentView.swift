/// One captured payment of an order's Keap view.
package struct KeapPaymentView: Sendable, Equatable {
    package let paymentRef: String
    /// Minor units of the order's currency.
    package let amount: Int64
    package let method: PaymentMethod?
    package let paymentTime: Timestamp

    package init(paymentRef: String, amount: Int64, method: PaymentMethod?, paymentTime: Timestamp) {
        self.paymentRef = paymentRef
        self.amount = amount
        self.method = method
        self.paymentTime = paymentTime
    }
}

/// One refund of an order's Keap view (Keap has no refund API: the sync lists refunds in the `RefundLog` field).
package struct KeapRefundView: Sendable, Equatable {
    package let refundRef: String
    package let paymentRef: String
    /// Minor units of the order's currency.
    package let amount: Int64
    package let refundedAt: Timestamp

    package init(refundRef: String, paymentRef: String, amount: Int64, refundedAt: Timestamp) {
        self.refundRef = refundRef
        self.paymentRef = paymentRef
        self.amount = amount
        self.refundedAt = refundedAt
    }
}

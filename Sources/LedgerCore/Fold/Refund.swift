/// One refund of an order, against one payment (which may be unknown: then it is also an anomaly).
package struct Refund: Sendable, Equatable {
    package let refundRef: String
    package let paymentRef: String
    /// Minor units of the order's currency.
    package let amount: Int64
    package let reason: String?
    package let refundedAt: Timestamp
    package let seq: Int64

    package init(refundRef: String, paymentRef: String, amount: Int64, reason: String?, refundedAt: Timestamp, seq: Int64) {
        self.refundRef = refundRef
        self.paymentRef = paymentRef
        self.amount = amount
        self.reason = reason
        self.refundedAt = refundedAt
        self.seq = seq
    }
}

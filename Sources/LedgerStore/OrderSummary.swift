/// One row of `keap-ledger orders`: the order's projection row, money in minor units of `currency`.
package struct OrderSummary: Sendable, Equatable {
    package let orderRef: String
    package let isComplete: Bool
    package let customerRef: String?
    package let currency: String?
    package let status: String?
    package let fulfilment: String
    package let total: Int64
    package let paid: Int64
    package let refunded: Int64
    package let balanceDue: Int64
    package let lineCount: Int
    package let anomalyCount: Int
    package let waitingEvents: Int
    package let lastSeq: Int64
    package let lastRecordedAt: String
}

import LedgerCore

/// The order custom fields the sync writes, with their values for one order view.
enum OrderFields {
    /// The order fields `keap setup` creates, in its order (one list: `KeapCustomField.all`).
    static let labels = KeapCustomField.all.filter { $0.record == .orders }.map(\.label)

    /// Label -> value: the view's custom fields in the view's order (times in Keap's whole-second UTC form) plus
    /// `RefundLog`, one line per refund (Keap has no refund API).
    static func values(of view: KeapOrderView) -> [(key: String, value: String?)] {
        var values: [(key: String, value: String?)] = [
            ("ExternalOrderRef", view.orderRef),
            ("FulfillmentStatus", view.fulfillmentStatus?.rawValue),
            ("Carrier", view.carrier),
            ("TrackingNumber", view.trackingNumber),
            ("TrackingUrl", view.trackingURL),
            ("ShippedAt", view.shippedAt.map { SyncContext.keapTime($0.utcText) }),
            ("DeliveredAt", view.deliveredAt.map { SyncContext.keapTime($0.utcText) }),
        ]
        let currency = view.currency
        let refundLog = view.refunds.map { refund in
            "\(refund.refundRef): \(currency.format(refund.amount)) \(currency.code) of payment \(refund.paymentRef) at \(SyncContext.keapTime(refund.refundedAt.utcText))"
        }
        values.append(("RefundLog", refundLog.isEmpty ? nil : refundLog.joined(separator: "\n")))
        return values
    }
}

/// The order custom fields the sync writes, with their values for one order view.
enum OrderFields {
    /// The order fields `keap setup` creates, in its order (one list: `KeapCustomField.all`).
    static let labels = KeapCustomField.all.filter { $0.record == .orders }.map(\.label)

    /// Label -> value: the view's custom fields (times in Keap's whole-second UTC form) plus `RefundLog`, one line
    /// per refund (Keap has no refund API).
    static func values(of view: OrderView) -> [(key: String, value: String?)] {
        var values = view.customFields.map { field -> (key: String, value: String?) in
            switch field.key {
            case "ShippedAt", "DeliveredAt": (field.key, field.value.map(SyncContext.keapTime))
            default: (field.key, field.value)
            }
        }
        let refundLog = view.refunds.map { refund in
            "\(refund.refundRef): \(refund.amount) \(view.currency) of payment \(refund.paymentRef) at \(SyncContext.keapTime(refund.refundedAt))"
        }
        values.append(("RefundLog", refundLog.isEmpty ? nil : refundLog.joined(separator: "\n")))
        return values
    }
}

import LedgerCore

/// `RestCreatePaymentRequest` for a manual payment record. Never `payment_method_id`: that would charge a card.
package struct KeapPaymentRequest: Sendable, Equatable {
    /// `payment_amount`, decimal major units with the currency's scale.
    package var amount: KeapDecimal
    /// `payment_method_type`: must match one of the tenant's Manual Payment Types exactly.
    package var methodType: String
    /// `payment_time`, RFC 3339 UTC.
    package var paymentTime: String
    /// `notes`: the payment ref, exactly (the lookup matches the list's `note`).
    package var notes: String
    package var applyToCommissions: Bool

    package init(amount: KeapDecimal, methodType: String, paymentTime: String, notes: String, applyToCommissions: Bool = false) {
        self.amount = amount
        self.methodType = methodType
        self.paymentTime = paymentTime
        self.notes = notes
        self.applyToCommissions = applyToCommissions
    }

    var json: JSONValue {
        .object([
            "payment_amount": .number(JSONNumber(text: amount.text)),
            "apply_to_commissions": .bool(applyToCommissions),
            "payment_method_type": .string(methodType),
            "payment_time": .string(paymentTime),
            "notes": .string(notes),
        ])
    }
}

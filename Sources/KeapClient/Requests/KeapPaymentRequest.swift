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
    /// `external_source_value`: the ledger's payment ref (keap-sync.md's mapping row "payment captured"), also when
    /// `notes` names one part of the payment.
    package var externalSourceValue: String?

    package init(amount: KeapDecimal, methodType: String, paymentTime: String, notes: String, applyToCommissions: Bool = false,
                 externalSourceValue: String? = nil) {
        self.amount = amount
        self.methodType = methodType
        self.paymentTime = paymentTime
        self.notes = notes
        self.applyToCommissions = applyToCommissions
        self.externalSourceValue = externalSourceValue
    }

    var json: JSONValue {
        var members = [
            JSONMember("payment_amount", .number(JSONNumber(text: amount.text))),
            JSONMember("apply_to_commissions", .bool(applyToCommissions)),
            JSONMember("payment_method_type", .string(methodType)),
            JSONMember("payment_time", .string(paymentTime)),
            JSONMember("notes", .string(notes)),
        ]
        if let externalSourceValue { members.append(JSONMember("external_source_value", .string(externalSourceValue))) }
        return .object(JSONObject(members: members))
    }
}

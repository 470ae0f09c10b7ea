import LedgerCore

/// One entry of `GET /v2/orders/{id}/payments` (`InvoiceOrderPayment`). The rule-2 lookup matches `note` (singular
/// here; the create body's field is `notes`) against the payment ref.
package struct KeapOrderPayment: Sendable, Equatable {
    package let id: String
    package let paymentID: String?
    /// `amount` exactly as written: its units are unconfirmed (the OpenAPI example is `10000`), so the client does
    /// not interpret it.
    package let amountText: String
    package let note: String?
    package let payStatus: String?

    package init(id: String, paymentID: String?, amountText: String, note: String?, payStatus: String?) {
        self.id = id
        self.paymentID = paymentID
        self.amountText = amountText
        self.note = note
        self.payStatus = payStatus
    }

    init(json object: JSONObject) throws(KeapDecodeError) {
        let context = "order payment"
        id = try object.requiredID("id", in: context)
        paymentID = try object.optionalID("payment_id", in: context)
        switch object["amount"] {
        case .number(let number)?: amountText = number.text
        case .string(let text)?: amountText = text
        case nil, .null?: amountText = "0"
        case let other?: throw KeapDecodeError("order payment.amount is \(other.kindDescription), expected a number")
        }
        note = try object.optionalString("note", in: context)
        payStatus = try object.optionalString("pay_status", in: context)
    }
}

import LedgerCore

/// The answer to `POST /v2/orders/{id}/payments` (`PaymentResult`); the sync stores its `id`.
package struct KeapPaymentResult: Sendable, Equatable {
    package let id: String

    package init(id: String) {
        self.id = id
    }

    init(json object: JSONObject) throws(KeapDecodeError) {
        id = try object.requiredID("id", in: "payment result")
    }
}

import LedgerCore

extension KeapClient {
    /// `GET /v2/orders/{id}/payments`, every page (no filter on `note`: the lookup reads them all).
    package func listOrderPayments(orderID: String) async throws(KeapCallError) -> [KeapOrderPayment] {
        try await listAll(
            path: "/v2/orders/" + APICall.pathSegment(orderID) + "/payments",
            query: [],
            arrayKey: "invoice_order_payments",
            context: "order payment list"
        ) { object throws(KeapDecodeError) in try KeapOrderPayment(json: object) }
    }

    /// `POST /v2/orders/{id}/payments` → 201 `PaymentResult`: a manual payment record (never charges).
    package func createOrderPayment(orderID: String, _ r: KeapPaymentRequest) async throws(KeapCallError) -> KeapPaymentResult {
        let call = APICall(
            method: "POST",
            path: "/v2/orders/" + APICall.pathSegment(orderID) + "/payments",
            body: r.json
        )
        return try await object(call, context: "payment") { root throws(KeapDecodeError) in try KeapPaymentResult(json: root) }
    }
}

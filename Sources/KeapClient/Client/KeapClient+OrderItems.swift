import LedgerCore

extension KeapClient {
    /// `POST /v2/orders/{id}/items` → 201 `OrderItem`.
    package func createOrderItem(orderID: String, _ r: KeapOrderItemRequest) async throws(KeapCallError) -> KeapOrderItem {
        let call = APICall(
            method: "POST",
            path: "/v2/orders/" + APICall.pathSegment(orderID) + "/items",
            body: r.json(forCreate: true)
        )
        return try await object(call, context: "order item") { root throws(KeapDecodeError) in try KeapOrderItem(json: root) }
    }

    /// `PATCH /v2/orders/{id}/items/{item_id}?update_mask=…` → 200 `OrderItem`. `itemType` is never sent (Keap
    /// cannot change an item's type).
    package func updateOrderItem(orderID: String, itemID: String, _ r: KeapOrderItemRequest, updateMask: [String]) async throws(KeapCallError) -> KeapOrderItem {
        let call = APICall(
            method: "PATCH",
            path: "/v2/orders/" + APICall.pathSegment(orderID) + "/items/" + APICall.pathSegment(itemID),
            query: APICall.updateMask(updateMask),
            body: r.json(forCreate: false)
        )
        return try await object(call, context: "order item") { root throws(KeapDecodeError) in try KeapOrderItem(json: root) }
    }

    /// `DELETE /v2/orders/{id}/items/{item_id}` → 204; a 404 means already gone, which is success.
    package func deleteOrderItem(orderID: String, itemID: String) async throws(KeapCallError) {
        let call = APICall(
            method: "DELETE",
            path: "/v2/orders/" + APICall.pathSegment(orderID) + "/items/" + APICall.pathSegment(itemID)
        )
        try await execute(call) { _ throws(KeapDecodeError) in () }
    }
}

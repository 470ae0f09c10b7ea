import LedgerCore

extension KeapClient {
    /// `POST /v2/orders` with all items → 201 `OrderV2`.
    package func createOrder(_ r: KeapOrderCreateRequest) async throws(KeapCallError) -> KeapOrder {
        let call = APICall(method: "POST", path: "/v2/orders", body: r.json)
        return try await object(call, context: "order") { root throws(KeapDecodeError) in try KeapOrder(json: root) }
    }

    /// `GET /v2/orders/{id}`.
    package func getOrder(id: String) async throws(KeapCallError) -> KeapOrder {
        let call = APICall(method: "GET", path: "/v2/orders/" + APICall.pathSegment(id))
        return try await object(call, context: "order") { root throws(KeapDecodeError) in try KeapOrder(json: root) }
    }

    /// `GET /v2/orders?filter=…`, every page (e.g. `_ExternalOrderRef0==FH-1` for the rule-2 lookup); `orderBy` is
    /// Keap's `order_by` (`id asc`, `modification_time desc`…). No filter lists every order. `pageSize` overrides the
    /// configured page size (the OpenAPI allows up to 1000 orders a page).
    package func listOrders(filter: String?, orderBy: String? = nil, pageSize: Int? = nil) async throws(KeapCallError) -> [KeapOrder] {
        var query: [(name: String, value: String)] = []
        if let filter { query.append((name: "filter", value: filter)) }
        if let orderBy { query.append((name: "order_by", value: orderBy)) }
        return try await listAll(
            path: "/v2/orders",
            query: query,
            arrayKey: "orders",
            context: "order list",
            pageSize: pageSize
        ) { object throws(KeapDecodeError) in try KeapOrder(json: object) }
    }

    /// `PATCH /v2/orders/{id}?update_mask=…` → 200 `OrderV2`.
    package func updateOrder(id: String, _ r: KeapOrderUpdateRequest, updateMask: [String]) async throws(KeapCallError) -> KeapOrder {
        let call = APICall(
            method: "PATCH",
            path: "/v2/orders/" + APICall.pathSegment(id),
            query: APICall.updateMask(updateMask),
            body: r.json
        )
        return try await object(call, context: "order") { root throws(KeapDecodeError) in try KeapOrder(json: root) }
    }

    /// `DELETE /v2/orders/{id}` → 204 (Keap refuses an order with recorded payments); a 404 means already gone.
    package func deleteOrder(id: String) async throws(KeapCallError) {
        let call = APICall(method: "DELETE", path: "/v2/orders/" + APICall.pathSegment(id))
        try await execute(call) { _ throws(KeapDecodeError) in () }
    }
}

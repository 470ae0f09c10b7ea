import LedgerCore

extension KeapClient {
    /// `GET /v2/products?filter=…`, every page (`sku` filters are case-insensitive: callers re-check exactly).
    package func listProducts(filter: String) async throws(KeapCallError) -> [KeapProduct] {
        try await listAll(
            path: "/v2/products",
            query: [(name: "filter", value: filter)],
            arrayKey: "products",
            context: "product list"
        ) { object throws(KeapDecodeError) in try KeapProduct(json: object) }
    }

    /// `POST /v2/products` → 201 `RestV2Product_Detail`.
    package func createProduct(_ r: KeapProductRequest) async throws(KeapCallError) -> KeapProduct {
        let call = APICall(method: "POST", path: "/v2/products", body: r.json)
        return try await object(call, context: "product") { root throws(KeapDecodeError) in try KeapProduct(json: root) }
    }

    /// `PATCH /v2/products/{id}?update_mask=…` → 200 `RestV2Product_Detail`.
    package func updateProduct(id: String, _ r: KeapProductRequest, updateMask: [String]) async throws(KeapCallError) -> KeapProduct {
        let call = APICall(
            method: "PATCH",
            path: "/v2/products/" + APICall.pathSegment(id),
            query: APICall.updateMask(updateMask),
            body: r.json
        )
        return try await object(call, context: "product") { root throws(KeapDecodeError) in try KeapProduct(json: root) }
    }
}

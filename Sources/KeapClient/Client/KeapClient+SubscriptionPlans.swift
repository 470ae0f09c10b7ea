import LedgerCore

extension KeapClient {
    /// `GET /v2/products/{id}/subscriptions?filter=…`, every page (the list's array is named `subscriptions`).
    package func listSubscriptionPlans(productID: String, filter: String? = nil) async throws(KeapCallError) -> [KeapSubscriptionPlan] {
        try await listAll(
            path: "/v2/products/" + APICall.pathSegment(productID) + "/subscriptions",
            query: filter.map { [(name: "filter", value: $0)] } ?? [],
            arrayKey: "subscriptions",
            context: "subscription plan list"
        ) { object throws(KeapDecodeError) in try KeapSubscriptionPlan(json: object) }
    }

    /// `POST /v2/products/{id}/subscriptions` → 201 `SubscriptionPlan`.
    package func createSubscriptionPlan(productID: String, _ r: KeapSubscriptionPlanRequest) async throws(KeapCallError) -> KeapSubscriptionPlan {
        let call = APICall(method: "POST", path: "/v2/products/" + APICall.pathSegment(productID) + "/subscriptions", body: r.json)
        return try await object(call, context: "subscription plan") { root throws(KeapDecodeError) in try KeapSubscriptionPlan(json: root) }
    }
}

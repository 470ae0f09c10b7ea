import LedgerCore

extension KeapClient {
    /// `GET /v2/subscriptions?filter=…`, every page (e.g. `_ExternalSubscriptionRef0==S-1` for the rule-2 lookup).
    package func listSubscriptions(filter: String) async throws(KeapCallError) -> [KeapSubscription] {
        try await listAll(
            path: "/v2/subscriptions",
            query: [(name: "filter", value: filter)],
            arrayKey: "subscriptions",
            context: "subscription list"
        ) { object throws(KeapDecodeError) in try KeapSubscription(json: object) }
    }

    /// `GET /v2/subscriptions/{id}`.
    package func getSubscription(id: String) async throws(KeapCallError) -> KeapSubscription {
        let call = APICall(method: "GET", path: "/v2/subscriptions/" + APICall.pathSegment(id))
        return try await object(call, context: "subscription") { root throws(KeapDecodeError) in try KeapSubscription(json: root) }
    }

    /// `POST /v2/subscriptions` → 201 `Subscription`.
    package func createSubscription(_ r: KeapSubscriptionCreateRequest) async throws(KeapCallError) -> KeapSubscription {
        let call = APICall(method: "POST", path: "/v2/subscriptions", body: r.json)
        return try await object(call, context: "subscription") { root throws(KeapDecodeError) in try KeapSubscription(json: root) }
    }

    /// `PATCH /v2/subscriptions/{id}?update_mask=…` → 200 `Subscription`.
    package func updateSubscription(id: String, _ r: KeapSubscriptionUpdateRequest, updateMask: [String]) async throws(KeapCallError) -> KeapSubscription {
        let call = APICall(
            method: "PATCH",
            path: "/v2/subscriptions/" + APICall.pathSegment(id),
            query: APICall.updateMask(updateMask),
            body: r.json
        )
        return try await object(call, context: "subscription") { root throws(KeapDecodeError) in try KeapSubscription(json: root) }
    }

    /// `POST /v2/subscriptions/{id}:deactivate` with `{reason}` → 200 without a body. A POST like any create: after a
    /// 5xx or a lost answer it may have happened, so the caller reads the subscription before sending it again.
    package func deactivateSubscription(id: String, reason: String?) async throws(KeapCallError) {
        var body: [JSONMember] = []
        body.appendIfPresent("reason", reason)
        let call = APICall(
            method: "POST",
            path: "/v2/subscriptions/" + APICall.pathSegment(id) + ":deactivate",
            body: .object(JSONObject(members: body))
        )
        try await execute(call) { _ throws(KeapDecodeError) in () }
    }
}

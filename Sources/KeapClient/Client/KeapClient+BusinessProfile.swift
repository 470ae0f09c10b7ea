import LedgerCore

extension KeapClient {
    /// `GET /v2/businessProfile` → 200 `GetBusinessProfileResponse`: the account's currency and time zone, and (from
    /// the same answer's headers) the rate-limit headers Keap sends.
    package func businessProfile() async throws(KeapCallError) -> KeapBusinessProfile {
        let call = APICall(method: "GET", path: "/v2/businessProfile")
        return try await execute(call) { response throws(KeapDecodeError) -> KeapBusinessProfile in
            try KeapBusinessProfile(json: try JSONObject.root(response.body, context: "business profile"), headers: response.headers)
        }
    }
}

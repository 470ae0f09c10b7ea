import LedgerCore

extension KeapClient {
    /// `GET /v2/contacts?filter=…&fields=…`, every page.
    package func listContacts(filter: String) async throws(KeapCallError) -> [KeapContact] {
        try await listAll(
            path: "/v2/contacts",
            query: [(name: "filter", value: filter), (name: "fields", value: KeapContact.responseFields)],
            arrayKey: "contacts",
            context: "contact list"
        ) { object throws(KeapDecodeError) in try KeapContact(json: object) }
    }

    /// `GET /v2/contacts/{id}?fields=…`: the lists a PATCH must merge with.
    package func getContact(id: String) async throws(KeapCallError) -> KeapContact {
        let call = APICall(
            method: "GET",
            path: "/v2/contacts/" + APICall.pathSegment(id),
            query: [(name: "fields", value: KeapContact.responseFields)],
            body: nil
        )
        return try await object(call, context: "contact") { root throws(KeapDecodeError) in try KeapContact(json: root) }
    }

    /// `POST /v2/contacts?duplicate_option=Email`: creates, or updates the contact with that email (200 vs 201).
    package func createContact(_ r: KeapContactRequest) async throws(KeapCallError) -> KeapContact {
        let call = APICall(
            method: "POST",
            path: "/v2/contacts",
            query: [(name: "duplicate_option", value: "Email"), (name: "fields", value: KeapContact.responseFields)],
            body: r.json(mask: nil)
        )
        return try await object(call, context: "contact") { root throws(KeapDecodeError) in try KeapContact(json: root) }
    }

    /// `PATCH /v2/contacts/{id}?update_mask=…`: only the masked fields change; arrays sent replace Keap's.
    package func updateContact(id: String, _ r: KeapContactRequest, updateMask: [String]) async throws(KeapCallError) -> KeapContact {
        let call = APICall(
            method: "PATCH",
            path: "/v2/contacts/" + APICall.pathSegment(id),
            query: APICall.updateMask(updateMask) + [(name: "fields", value: KeapContact.responseFields)],
            body: r.json(mask: Set(updateMask))
        )
        return try await object(call, context: "contact") { root throws(KeapDecodeError) in try KeapContact(json: root) }
    }
}

import LedgerCore

extension KeapContact {
    /// True when a PATCH naming every member `request` has would change nothing this contact shows: each name the
    /// request has is equal; each of its list entries (EMAIL1, PHONE1, each address by its `field`) is present with
    /// every member equal; each of its custom fields has the same content. What the request leaves out is not
    /// compared, since such a PATCH would not name it either. A request with a company never counts as shown: the
    /// contact is read without its company (`responseFields`), so equality could not be proven.
    /// `keap relink` uses it to record a contact as confirmed instead of re-sending it.
    package func shows(_ request: KeapContactRequest) -> Bool {
        guard request.companyName == nil else { return false }
        if let given = request.givenName, givenName != given { return false }
        if let family = request.familyName, familyName != family { return false }
        guard case .object(let body) = request.json(mask: nil) else { return false }
        for list in KeapContactList.allCases {
            guard case .array(let owned)? = body[list.rawValue] else { continue }
            for case .object(let entry) in owned {
                guard let field = entry["field"],
                      let shown = lists[list, default: []].first(where: { $0["field"] == field }) else { return false }
                if entry.members.contains(where: { shown[$0.key] != $0.value }) { return false }
            }
        }
        return request.customFields.allSatisfy { value in
            customFields.first(where: { $0.id == value.id })?.content == value.content
        }
    }
}

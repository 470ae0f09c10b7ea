import LedgerCore

/// The parts of a Keap `OrderV2` the sync reads: totals to check against the ledger, items to map, custom fields.
package struct KeapOrder: Sendable, Equatable {
    package let id: String
    package let title: String?
    /// `contact.id`.
    package let contactID: String?
    package let total: KeapMoney
    package let totalPaid: KeapMoney
    /// `order_items`.
    package let items: [KeapOrderItem]
    package let customFields: [KeapCustomFieldValue]
    package let notes: String?
    /// `modification_time`, as Keap wrote it (reconcile compares it with the ledger's last confirmed write).
    package let modificationTime: String?
    /// Whether the answer had a `custom_fields` member at all: whether a list's entries carry them is unverified, and
    /// an entry without it cannot tell "no ExternalOrderRef" from "not shown" (read the order by id then).
    package let customFieldsShown: Bool
    /// `contact.email`, when Keap shows it (reconcile compares it with the ledger's customer).
    package let contactEmail: String?

    package init(id: String, title: String?, contactID: String?, total: KeapMoney, totalPaid: KeapMoney,
                 items: [KeapOrderItem], customFields: [KeapCustomFieldValue], notes: String?,
                 modificationTime: String? = nil, customFieldsShown: Bool = true, contactEmail: String? = nil) {
        self.id = id
        self.title = title
        self.contactID = contactID
        self.total = total
        self.totalPaid = totalPaid
        self.items = items
        self.customFields = customFields
        self.notes = notes
        self.modificationTime = modificationTime
        self.customFieldsShown = customFieldsShown
        self.contactEmail = contactEmail
    }

    /// `total` is required (the sync compares it with the ledger). `total_paid` may be omitted while nothing is paid;
    /// it then counts as 0 in the total's currency.
    init(json object: JSONObject) throws(KeapDecodeError) {
        let context = "order"
        id = try object.requiredID("id", in: context)
        title = try object.optionalString("title", in: context)
        let contact = try object.optionalObject("contact", in: context)
        contactID = try contact?.optionalID("id", in: "order.contact")
        contactEmail = try contact?.optionalString("email", in: "order.contact")
        guard let total = try object.optionalMoney("total", in: context) else {
            throw KeapDecodeError("order.total is missing")
        }
        self.total = total
        totalPaid = try object.optionalMoney("total_paid", in: context, defaultCurrencyCode: total.currencyCode)
            ?? KeapMoney(amount: 0, currencyCode: total.currencyCode)
        var items: [KeapOrderItem] = []
        for element in try JSONObject.array(object["order_items"], key: "order_items", in: context) {
            guard case .object(let item) = element else {
                throw KeapDecodeError("order.order_items[] is \(element.kindDescription), expected an object")
            }
            items.append(try KeapOrderItem(json: item))
        }
        self.items = items
        customFields = try KeapCustomFieldValue.list(object["custom_fields"], in: context)
        customFieldsShown = object["custom_fields"] != nil
        notes = try object.optionalString("notes", in: context)
        modificationTime = try object.optionalString("modification_time", in: context)
    }
}

import KeapClient
import LedgerCore

/// What differs between the ledger's desired order and one Keap order (reconcile's `mismatch`, relink's "already
/// confirmed?"): every item (matched as the sync matches them: PRODUCT lines by the line ref in `notes`, charges by
/// type) by quantity and unit price, items Keap has that the ledger does not, the total, what is paid, the sync's
/// custom fields (status, tracking, refunds), the contact, and the contact's email.
struct OrderComparison {
    let desired: KeapOrderView
    let currency: Currency
    let fields: CustomFieldDirectory
    /// SKU -> the Keap product id the ledger linked to it (a SKU not here is not compared).
    var productIDs: [String: String] = [:]

    /// The ledger's side of the contact: its Keap id (nil when not linked) and the customer's email.
    struct Contact {
        let keapID: String?
        let email: String?
    }

    func differences(_ order: KeapOrder, contact: Contact) -> [FieldDifference] {
        var found: [FieldDifference] = []
        var unmatched = order.items
        for item in desired.items {
            let wantedPrice = item.pricePerUnit
            let wantedText = desired.currency.format(wantedPrice)
            guard let index = unmatched.firstIndex(where: { OrderSync.matches($0, item) }) else {
                found.append(FieldDifference(field: "item \(item.key)", ledger: describe(item.quantity, wantedText), keap: "absent"))
                continue
            }
            let keapItem = unmatched.remove(at: index)
            if let sku = item.sku, let linked = productIDs[sku], let shown = keapItem.productID, shown != linked {
                found.append(FieldDifference(field: "item \(item.key) sku", ledger: "\(sku) (Keap product \(linked))", keap: "Keap product \(shown)"))
            }
            if Int64(keapItem.quantity) != item.quantity {
                found.append(FieldDifference(field: "item \(item.key) quantity", ledger: String(item.quantity), keap: String(keapItem.quantity)))
            }
            // DISCOUNT prices compare by magnitude: their sign on the wire is a setting.
            let keapPrice = keapItem.pricePerUnit.map { abs($0.amount) }
            if keapPrice != abs(wantedPrice) {
                found.append(FieldDifference(field: "item \(item.key) price_per_unit", ledger: wantedText,
                                             keap: keapItem.pricePerUnit.map { currency.format(abs($0.amount)) } ?? "absent"))
            }
        }
        for extra in unmatched {
            let price = extra.pricePerUnit.map { currency.format($0.amount) } ?? "?"
            found.append(FieldDifference(field: "item Keap \(extra.id) (\(extra.itemType)\(extra.notes.map { " " + $0 } ?? ""))",
                                         ledger: "absent", keap: describe(Int64(extra.quantity), price)))
        }
        if order.total.amount != desired.totalMinor || order.total.currencyCode != desired.currency.code {
            found.append(FieldDifference(field: "total", ledger: "\(desired.currency.format(desired.totalMinor)) \(desired.currency.code)",
                                         keap: "\(currency.format(order.total.amount)) \(order.total.currencyCode)"))
        }
        let paid = expectedPaid
        if order.totalPaid.amount < paid.least || order.totalPaid.amount > paid.most {
            let range = paid.least == paid.most ? currency.format(paid.least) : "\(currency.format(paid.least)) to \(currency.format(paid.most))"
            found.append(FieldDifference(field: "paid", ledger: "\(range) in \(paid.count) payment(s)",
                                         keap: currency.format(order.totalPaid.amount)))
        }
        for (label, value) in OrderFields.values(of: desired) {
            guard let entry = fields.entry(.orders, label) else { continue }
            let shown = order.customFields.first(where: { $0.id == entry.id })?.content.flatMap { $0.isEmpty ? nil : $0 }
            if shown != value {
                found.append(FieldDifference(field: label, ledger: value ?? "(empty)", keap: shown ?? "(empty)"))
            }
        }
        if let keapID = contact.keapID, let shown = order.contactID, shown != keapID {
            found.append(FieldDifference(field: "contact", ledger: "Keap contact \(keapID)", keap: "Keap contact \(shown)"))
        }
        if let email = contact.email, let shown = order.contactEmail, shown.lowercased() != email.lowercased() {
            found.append(FieldDifference(field: "contact email", ledger: email, keap: shown))
        }
        return found
    }

    /// The payments Keap should show at least a part of: the sync records them in order, each up to Keap's balance
    /// (`PaymentPart`), so those that start before the total is reached.
    var expectedPayments: [KeapPaymentView] {
        var paid: Int64 = 0
        return desired.payments.filter { payment in
            guard paid < desired.totalMinor else { return false }
            paid += payment.amount
            return true
        }
    }

    /// What Keap may show as paid under the overpayment rule, and in how many payments: at least what the ledger's
    /// payments less their refunds fill of the total (the sync records payments up to the balance, and a refund settles
    /// what it returned), at most every payment whole (Keap keeps a payment recorded before the total went down).
    var expectedPaid: (least: Int64, most: Int64, count: Int) {
        let gross = desired.payments.reduce(Int64(0)) { $0 + $1.amount }
        let refunded = desired.refunds.reduce(Int64(0)) { $0 + $1.amount }
        return (min(max(0, gross - refunded), max(0, desired.totalMinor)), gross, expectedPayments.count)
    }

    private func describe(_ quantity: Int64, _ price: String) -> String { "\(quantity) × \(price)" }
}

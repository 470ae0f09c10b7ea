import KeapClient
import LedgerCore
import LedgerStore

/// One order stream -> one Keap order, ever (spec/keap-sync.md). Creates the order with all its items in one call
/// (intent first, lookup by `ExternalOrderRef` after an unknown outcome), then brings items, custom fields and
/// payments in line with the ledger, comparing Keap's total with the ledger's in minor units after every change.
struct OrderSync {
    let context: SyncContext

    /// What the attempt knows about the Keap order as it goes.
    private struct Progress {
        var orderID: String
        /// Our item key -> Keap item id.
        var itemIDs: [String: String]
        /// Item keys with a create whose outcome is unknown.
        var itemIntents: Set<String>
        var baseline: OrderBaseline
        /// The order as Keap last returned it, when nothing changed since (totals can be checked against it).
        var fresh: KeapOrder?
        /// Keap's order as fetched during this attempt (for item and payment lookups).
        var fetched: KeapOrder?
    }

    /// Brings Keap's order in line with `desired`; returns a note for the operator when something was deliberately
    /// left unsent (a payment above Keap's balance).
    func sync(_ desired: OrderView, confirmed: OrderView?) async throws(StreamFailure) -> String? {
        let currency = try orderCurrency(desired)
        let contactID = try dependency(.contact, desired.customerRef, what: "customer")
        var productIDs: [String: String] = [:]
        for item in desired.items {
            if item.itemType == "PRODUCT" {
                productIDs[item.key] = try dependency(.product, item.sku, what: "product")
            } else if context.settings.chargeItems == .product {
                guard let id = context.chargeProductIDs[item.itemType] else {
                    throw StreamFailure.refused("order \(desired.orderRef) has a \(item.itemType) charge, which has no charge product to be sent as a PRODUCT item")
                }
                productIDs[item.key] = id
            }
        }
        var progress = try await establishOrder(desired, confirmed: confirmed, currency: currency, contactID: contactID, productIDs: productIDs)
        var itemsChanged = false
        for item in desired.items {
            if try await syncItem(item, desired: desired, currency: currency, productIDs: productIDs, progress: &progress) { itemsChanged = true }
        }
        for (key, itemID) in progress.itemIDs.sorted(by: { $0.key < $1.key }) where !desired.items.contains(where: { $0.key == key }) {
            try await context.keap("deleting item \(key) of order \(desired.orderRef)") { () throws(KeapCallError) in
                try await context.client.deleteOrderItem(orderID: progress.orderID, itemID: itemID)
            }
            try context.store { () throws(LedgerStoreError) in try context.database.forgetKeapRef(KeapRefKey(.orderItem, owner: desired.orderRef, key)) }
            progress.itemIDs[key] = nil
            itemsChanged = true
        }
        if itemsChanged { progress.fresh = nil }
        let fields = OrderFields.values(of: desired)
        if fields.contains(where: { progress.baseline.customFields[$0.key] != .some($0.value) }) {
            let orderID = progress.orderID
            progress.fresh = try await context.keap("updating the custom fields of order \(desired.orderRef)") { () throws(KeapCallError) in
                try await context.client.updateOrder(id: orderID, KeapOrderUpdateRequest(customFields: context.fields.values(.orders, fields), notes: nil), updateMask: ["custom_fields"])
            }
        }
        // Read once: whether any payment is still to send decides the GET below, and the send uses the same entries.
        let paymentEntries = try context.store { () throws(LedgerStoreError) in try context.database.keapRefs(.payment, owner: desired.orderRef) }
        let paymentsToSend = paymentsPending(desired, entries: paymentEntries, currency: currency)
        if itemsChanged || (progress.fresh == nil && paymentsToSend) {
            progress.fresh = try await fetch(desired.orderRef, &progress)
        }
        if let fresh = progress.fresh {
            try checkTotal(fresh, desired)
        }
        return try await syncPayments(desired, entries: paymentEntries, currency: currency, progress: &progress)
    }

    // MARK: - The order itself

    private func establishOrder(
        _ desired: OrderView, confirmed: OrderView?, currency: Currency, contactID: String, productIDs: [String: String]
    ) async throws(StreamFailure) -> Progress {
        let orderKey = KeapRefKey(.order, desired.orderRef)
        let entry = try context.entry(orderKey)
        let itemEntries = try context.store { () throws(LedgerStoreError) in try context.database.keapRefs(.orderItem, owner: desired.orderRef) }
        var itemIDs: [String: String] = [:]
        var itemIntents: Set<String> = []
        for (key, item) in itemEntries {
            if let id = item.keapID { itemIDs[key] = id } else { itemIntents.insert(key) }
        }
        if context.lookupFirst {
            // Items this ledger never linked may exist in Keap all the same (added by the ledger it was copied from).
            itemIntents.formUnion(Set(desired.items.map(\.key)).subtracting(itemIDs.keys))
        }
        switch entry {
        case .known(let orderID, _):
            var progress = Progress(orderID: orderID, itemIDs: itemIDs, itemIntents: itemIntents,
                                    baseline: OrderBaseline(desired, currency: currency), fresh: nil, fetched: nil)
            if let confirmed = context.trusted(confirmed) {
                progress.baseline = OrderBaseline(confirmed, currency: currency)
            } else {
                // Created or adopted by an attempt that did not finish, or a ledger that may be older than Keap:
                // compare with what Keap actually has.
                let order = try await fetch(desired.orderRef, &progress)
                if context.lookupFirst {
                    // Item ids Keap no longer shows were removed by the ledger this one was copied from.
                    let shown = Set(order.items.map(\.id))
                    for (key, id) in progress.itemIDs where !shown.contains(id) {
                        try context.store { () throws(LedgerStoreError) in try context.database.forgetKeapRef(KeapRefKey(.orderItem, owner: desired.orderRef, key)) }
                        progress.itemIDs[key] = nil
                        progress.itemIntents.insert(key)
                    }
                }
                progress.baseline = OrderBaseline(order, itemIDs: progress.itemIDs, fields: context.fields)
                progress.fresh = order
            }
            return progress
        case .intent:
            if let found = try await lookUp(desired) {
                let mapped = Self.mapItems(found, desired)
                try context.store { () throws(LedgerStoreError) in
                    try context.database.recordKeapID(orderKey, id: found.id, adopted: true, with: mapped.map { (KeapRefKey(.orderItem, owner: desired.orderRef, $0.key), $0.value) })
                }
                return Progress(orderID: found.id, itemIDs: mapped, itemIntents: [],
                                baseline: OrderBaseline(found, itemIDs: mapped, fields: context.fields),
                                fresh: found, fetched: found)
            }
        case .unknown:
            break
        }
        try context.store { () throws(LedgerStoreError) in try context.database.recordCreateIntent(orderKey) }
        let request = KeapOrderCreateRequest(
            contactID: contactID, orderTitle: desired.orderTitle, orderTime: SyncContext.keapTime(desired.orderTime ?? ""),
            orderType: desired.orderType,
            items: desired.items.map { itemRequest($0, productID: productIDs[$0.key], creating: true) },
            customFields: context.fields.values(.orders, OrderFields.values(of: desired)), notes: nil)
        let created = try await context.keap("creating order \(desired.orderRef)") { () throws(KeapCallError) in
            try await context.client.createOrder(request)
        }
        let mapped = Self.mapItems(created, desired)
        try context.store { () throws(LedgerStoreError) in
            try context.database.recordKeapID(orderKey, id: created.id, adopted: false, with: mapped.map { (KeapRefKey(.orderItem, owner: desired.orderRef, $0.key), $0.value) })
            // Items the answer did not show are looked up before being created again.
            for item in desired.items where mapped[item.key] == nil {
                try context.database.recordCreateIntent(KeapRefKey(.orderItem, owner: desired.orderRef, item.key))
            }
        }
        return Progress(orderID: created.id, itemIDs: mapped, itemIntents: Set(desired.items.map(\.key)).subtracting(mapped.keys),
                        baseline: OrderBaseline(created, itemIDs: mapped, fields: context.fields),
                        fresh: created, fetched: created)
    }

    /// Rule 2 lookup: the Keap orders whose `ExternalOrderRef` is exactly `desired.orderRef`.
    private func lookUp(_ desired: OrderView) async throws(StreamFailure) -> KeapOrder? {
        guard let field = context.fields.entry(.orders, "ExternalOrderRef") else { return nil }
        let candidates = try await context.keap("looking up order \(desired.orderRef) by ExternalOrderRef") { () throws(KeapCallError) in
            try await context.client.listOrders(filter: SyncContext.exactFilter(fieldName: field.fieldName, value: desired.orderRef))
        }
        let found = try await context.exactMatches(candidates, field: field, ref: desired.orderRef, customFields: \.customFields, id: \.id) { id throws(StreamFailure) in
            try await context.keap("reading order \(id) to check its ExternalOrderRef") { () throws(KeapCallError) in
                try await context.client.getOrder(id: id)
            }
        }
        if found.count > 1 {
            throw StreamFailure.refused("Keap already has \(found.count) orders for \(desired.orderRef) (ids \(found.map(\.id).joined(separator: ", "))); keep one in Keap (delete the others), then `keap-ledger outbox retry order/\(desired.orderRef)`")
        }
        return found.first
    }

    /// Our item key -> Keap item id: PRODUCT items by the line ref in `notes`, charges by their type.
    static func mapItems(_ order: KeapOrder, _ desired: OrderView) -> [String: String] {
        var mapped: [String: String] = [:]
        var used: Set<String> = []
        for item in desired.items {
            let match = order.items.first { !used.contains($0.id) && Self.matches($0, item) }
            if let match {
                mapped[item.key] = match.id
                used.insert(match.id)
            }
        }
        return mapped
    }

    /// Whether Keap's item is ours for `item`: same type and, for product lines, the line ref in `notes`; a charge
    /// sent as a PRODUCT item (`SyncSettings.ChargeItems.product`) by its key (`charge:SHIPPING`) in `notes`. Both
    /// representations are recognised whatever the setting, so orders made under the other one stay matched.
    static func matches(_ keapItem: KeapOrderItem, _ item: OrderView.Item) -> Bool {
        if item.lineRef == nil, keapItem.itemType == "PRODUCT" { return keapItem.notes == item.key }
        guard keapItem.itemType == item.itemType else { return false }
        guard let lineRef = item.lineRef else { return true }
        return keapItem.notes == lineRef
    }

    // MARK: - Items

    /// Creates or updates one item; true when Keap's items changed.
    private func syncItem(
        _ item: OrderView.Item, desired: OrderView, currency: Currency, productIDs: [String: String], progress: inout Progress
    ) async throws(StreamFailure) -> Bool {
        let orderID = progress.orderID
        let key = KeapRefKey(.orderItem, owner: desired.orderRef, item.key)
        if progress.itemIDs[item.key] == nil, progress.itemIntents.contains(item.key) {
            // Items this attempt created are excluded below by id, so an order read earlier in the attempt serves.
            let order: KeapOrder
            if let fetched = progress.fetched { order = fetched } else { order = try await fetch(desired.orderRef, &progress) }
            let known = Set(progress.itemIDs.values)
            if let match = order.items.first(where: { !known.contains($0.id) && Self.matches($0, item) }) {
                try context.store { () throws(LedgerStoreError) in try context.database.recordKeapID(key, id: match.id, adopted: true) }
                progress.itemIDs[item.key] = match.id
                progress.baseline.items[item.key] = OrderBaseline.Item(quantity: Int64(match.quantity), priceMinor: match.pricePerUnit.map { abs($0.amount) } ?? -1)
            }
        }
        guard let itemID = progress.itemIDs[item.key] else {
            try context.store { () throws(LedgerStoreError) in try context.database.recordCreateIntent(key) }
            let created = try await context.keap("adding item \(item.key) to order \(desired.orderRef)") { () throws(KeapCallError) in
                try await context.client.createOrderItem(orderID: orderID, itemRequest(item, productID: productIDs[item.key], creating: true))
            }
            try context.store { () throws(LedgerStoreError) in try context.database.recordKeapID(key, id: created.id, adopted: false) }
            progress.itemIDs[item.key] = created.id
            return true
        }
        let wanted = OrderBaseline.Item(quantity: item.quantity, priceMinor: OrderBaseline.minor(item.pricePerUnit, currency) ?? -1)
        guard progress.baseline.items[item.key] != wanted else { return false }
        _ = try await context.keap("updating item \(item.key) of order \(desired.orderRef)") { () throws(KeapCallError) in
            try await context.client.updateOrderItem(orderID: orderID, itemID: itemID, itemRequest(item, productID: nil, creating: false),
                                                     updateMask: ["quantity", "price_per_unit"])
        }
        return true
    }

    private func itemRequest(_ item: OrderView.Item, productID: String?, creating: Bool) -> KeapOrderItemRequest {
        var price = item.pricePerUnit
        if item.itemType == "DISCOUNT", context.settings.discountSign == .negative, !price.hasPrefix("-") { price = "-" + price }
        let isProduct = item.itemType == "PRODUCT"
        // A charge as a PRODUCT item of its charge product carries its key in `notes`, as a line carries its ref.
        let chargeAsProduct = !isProduct && context.settings.chargeItems == .product
        return KeapOrderItemRequest(
            itemType: creating ? (chargeAsProduct ? "PRODUCT" : item.itemType) : nil,
            productID: creating && (isProduct || chargeAsProduct) ? productID : nil,
            name: creating && !isProduct ? ChargeProducts.name(of: item.itemType) : nil,
            description: creating ? nonBlank(item.description) : nil,
            quantity: Int(item.quantity), pricePerUnit: KeapDecimal(text: price),
            notes: creating ? (chargeAsProduct ? item.key : item.lineRef.flatMap(nonBlank)) : nil)
    }

    // MARK: - Totals and payments

    private func checkTotal(_ order: KeapOrder, _ desired: OrderView) throws(StreamFailure) {
        guard order.total.currencyCode == desired.currency else {
            throw StreamFailure.refused("Keap order \(order.id) for \(desired.orderRef) is in \(order.total.currencyCode), the ledger's is in \(desired.currency); set KEAP_CURRENCY to the tenant's currency")
        }
        guard order.total.amount == desired.totalMinor else {
            throw StreamFailure.refused("Keap's total for order \(desired.orderRef) (Keap id \(order.id)) is \(order.total.amount) minor units, the ledger's is \(desired.totalMinor) (\(desired.total) \(desired.currency)); check the DISCOUNT sign (`keap-ledger keap doctor --probe`, or KEAP_DISCOUNT_SIGN) and the order in Keap, then `keap-ledger outbox retry order/\(desired.orderRef)`")
        }
    }

    /// Records the ledger's captured payments in Keap (manual payments; never a charge), never above Keap's balance:
    /// a payment that does not fit is recorded up to the balance, its note naming the part and the whole, and the rest
    /// follows as further parts when a later change of the order makes room (`PaymentPart`). Keap then never shows an
    /// order the customer paid in full as due.
    private func syncPayments(
        _ desired: OrderView, entries: [String: KeapRefEntry], currency: Currency, progress: inout Progress
    ) async throws(StreamFailure) -> String? {
        var entries = entries
        var listed: [KeapOrderPayment]?
        var notes: [String] = []
        let orderID = progress.orderID
        for payment in desired.payments {
            let ref = payment.paymentRef
            guard let amount = OrderBaseline.minor(payment.amount, currency) else {
                throw StreamFailure.refused("payment \(ref) of order \(desired.orderRef) has an amount \(payment.amount) that is not valid in \(currency.code)")
            }
            let mine = entries.filter { PaymentPart.belongs($0.key, to: ref) }
            let unresolved = mine.filter { $0.value.keapID == nil }.map(\.key)
            // Unknown outcomes are looked up by note; while the ledger may be older than Keap, so is a payment it never
            // linked.
            if !unresolved.isEmpty || (context.lookupFirst && mine.isEmpty) {
                if listed == nil {
                    listed = try await context.keap("listing the payments of order \(desired.orderRef)") { () throws(KeapCallError) in
                        try await context.client.listOrderPayments(orderID: orderID)
                    }
                }
                let known = Set(entries.values.compactMap(\.keapID))
                for found in listed ?? [] where !known.contains(found.id) {
                    guard let note = found.note, note == ref || PaymentPart.parse(note, ref: ref, currency: currency) != nil else { continue }
                    try context.store { () throws(LedgerStoreError) in
                        try context.database.recordKeapID(KeapRefKey(.payment, owner: desired.orderRef, note), id: found.id, adopted: true)
                    }
                    entries[note] = .known(id: found.id, fieldName: nil)
                }
                for part in unresolved where entries[part]?.keapID == nil {
                    // Keap has no such payment: that create did not happen. Its part is sent again below, for what
                    // fits now (perhaps another amount, so another note).
                    try context.store { () throws(LedgerStoreError) in try context.database.forgetKeapRef(KeapRefKey(.payment, owner: desired.orderRef, part)) }
                    entries[part] = nil
                }
            }
            let recorded = Self.recorded(ref, amount: amount, entries: entries, currency: currency)
            let wanted = Self.outstanding(ref, amount: amount, held: recorded.held, refunds: desired.refunds, currency: currency)
            guard wanted > 0 else { continue }
            guard let order = progress.fresh else {
                throw StreamFailure.retryable("order \(desired.orderRef): Keap's balance is unknown, payments wait for the next flush")
            }
            let balance = order.total.amount - order.totalPaid.amount
            guard balance > 0 else {
                notes.append("payment \(ref): \(currency.format(wanted)) \(currency.code) of \(payment.amount) not recorded, above Keap's balance of \(currency.format(max(0, balance))) \(currency.code)" + (recorded.held > 0 ? " (the recorded part's note names it)" : ""))
                continue
            }
            let send = min(wanted, balance)
            let note = recorded.held == 0 && send == amount
                ? ref
                : PaymentPart.note(ref: ref, number: recorded.parts + 1, amountMinor: send, paymentMinor: amount, currency: currency)
            let key = KeapRefKey(.payment, owner: desired.orderRef, note)
            try context.store { () throws(LedgerStoreError) in try context.database.recordCreateIntent(key) }
            let request = KeapPaymentRequest(
                amount: KeapDecimal(minorUnits: send, scale: currency.minorUnits),
                methodType: context.settings.paymentMethodType(payment.method),
                paymentTime: SyncContext.keapTime(payment.paymentTime), notes: note, applyToCommissions: false)
            let result = try await context.keap("recording payment \(ref) on order \(desired.orderRef)") { () throws(KeapCallError) in
                try await context.client.createOrderPayment(orderID: orderID, request)
            }
            try context.store { () throws(LedgerStoreError) in try context.database.recordKeapID(key, id: result.id, adopted: false) }
            entries[note] = .known(id: result.id, fieldName: nil)
            if send < wanted {
                notes.append("payment \(ref): \(currency.format(send)) of \(payment.amount) \(currency.code) recorded (Keap's balance); the rest, \(currency.format(wanted - send)), is above the order's total and named in the payment's note")
            }
            progress.fresh = KeapOrder(id: order.id, title: order.title, contactID: order.contactID, total: order.total,
                                       totalPaid: KeapMoney(amount: order.totalPaid.amount + send, currencyCode: order.totalPaid.currencyCode),
                                       items: order.items, customFields: order.customFields, notes: order.notes)
        }
        return notes.isEmpty ? nil : notes.joined(separator: "; ")
    }

    /// What Keap holds of payment `ref` by the parts linked in `entries` (a whole payment, or parts read from their
    /// notes), and how many parts that is.
    static func recorded(_ ref: String, amount: Int64, entries: [String: KeapRefEntry], currency: Currency) -> (held: Int64, parts: Int) {
        var held: Int64 = 0
        var parts = 0
        for (key, entry) in entries where entry.keapID != nil {
            if key == ref {
                held += amount
                parts += 1
            } else if let part = PaymentPart.parse(key, ref: ref, currency: currency) {
                held += part.amountMinor
                parts += 1
            }
        }
        return (held, parts)
    }

    /// What is still to record of payment `ref`: all of it while nothing is; after a part, the rest less what was
    /// refunded of it (a refund of the excess settles it: Keap's paid amount does not change).
    static func outstanding(_ ref: String, amount: Int64, held: Int64, refunds: [OrderView.Refund], currency: Currency) -> Int64 {
        guard held > 0 else { return amount }
        let refunded = refunds.filter { $0.paymentRef == ref }.reduce(Int64(0)) { $0 + (OrderBaseline.minor($1.amount, currency) ?? 0) }
        return max(0, amount - refunded - held)
    }

    /// Whether some payment still has something to record, or a create whose outcome is unknown (decides whether the
    /// order is read for its balance).
    private func paymentsPending(_ desired: OrderView, entries: [String: KeapRefEntry], currency: Currency) -> Bool {
        desired.payments.contains { payment in
            let mine = entries.filter { PaymentPart.belongs($0.key, to: payment.paymentRef) }
            if mine.contains(where: { $0.value.keapID == nil }) || (context.lookupFirst && mine.isEmpty) { return true }
            guard let amount = OrderBaseline.minor(payment.amount, currency) else { return true }
            let held = Self.recorded(payment.paymentRef, amount: amount, entries: mine, currency: currency).held
            return Self.outstanding(payment.paymentRef, amount: amount, held: held, refunds: desired.refunds, currency: currency) > 0
        }
    }

    // MARK: - Helpers

    private func fetch(_ orderRef: String, _ progress: inout Progress) async throws(StreamFailure) -> KeapOrder {
        let orderID = progress.orderID
        let order = try await context.keap("reading order \(orderRef) (Keap id \(orderID))") { () throws(KeapCallError) in
            try await context.client.getOrder(id: orderID)
        }
        progress.fetched = order
        return order
    }

    private func orderCurrency(_ desired: OrderView) throws(StreamFailure) -> Currency {
        guard let currency = Currency(code: desired.currency), currency == context.settings.tenantCurrency else {
            throw StreamFailure.refused("order \(desired.orderRef) is in \(desired.currency), but the Keap tenant's currency is \(context.settings.tenantCurrency.code) (KEAP_CURRENCY) and Keap orders have no currency of their own; it cannot be sent to this tenant")
        }
        return currency
    }

    /// Keap's id for a customer or product the order needs; blocked until it has been sent.
    private func dependency(_ kind: KeapRefKey.Kind, _ ref: String?, what: String) throws(StreamFailure) -> String {
        guard let ref else { throw StreamFailure.refused("the order has no \(what)") }
        guard let id = try context.knownID(KeapRefKey(kind, ref)) else {
            throw StreamFailure.blocked("waiting for \(what) \(ref) to be sent to Keap")
        }
        return id
    }
}

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
    func sync(_ desired: KeapOrderView, confirmed: KeapOrderView?) async throws(StreamFailure) -> String? {
        let currency = try OrderPlan.currency(of: desired, tenant: context.settings.tenantCurrency)
        let contactID = try dependency(.contact, desired.customerRef, what: "customer")
        var productIDs: [String: String] = [:]
        for item in desired.items {
            if item.isProduct {
                productIDs[item.key] = try dependency(.product, item.sku, what: "product")
            } else if context.settings.chargeItems == .product {
                guard let id = context.chargeProductIDs[item.itemType.rawValue] else {
                    throw StreamFailure.refused("order \(desired.orderRef) has a \(item.itemType.rawValue) charge, which has no charge product to be sent as a PRODUCT item")
                }
                productIDs[item.key] = id
            }
        }
        var progress = try await establishOrder(desired, confirmed: confirmed, currency: currency, contactID: contactID, productIDs: productIDs)
        // Creates whose outcome is unknown are settled against Keap's order first, so the plan knows every link.
        for item in desired.items {
            try await resolveItem(item, desired: desired, progress: &progress)
        }
        let plan = OrderPlan(desired, baseline: progress.baseline, linked: Set(progress.itemIDs.keys), currency: currency)
        for change in plan.items {
            try await apply(change, desired: desired, productIDs: productIDs, progress: &progress)
        }
        if !plan.items.isEmpty { progress.fresh = nil }
        if let fields = plan.customFields {
            let orderID = progress.orderID
            progress.fresh = try await context.keap("updating the custom fields of order \(desired.orderRef)") { () throws(KeapCallError) in
                try await context.client.updateOrder(id: orderID, KeapOrderUpdateRequest(customFields: context.fields.values(.orders, fields), notes: nil), updateMask: ["custom_fields"])
            }
        }
        // Read once: whether any payment is still to send decides the GET below, and the send uses the same entries.
        let paymentEntries = try context.store { () throws(LedgerStoreError) in try context.database.keapRefs(.payment, owner: desired.orderRef) }
        let paymentsToSend = paymentsPending(desired, entries: paymentEntries, currency: currency)
        if !plan.items.isEmpty || (progress.fresh == nil && paymentsToSend) {
            progress.fresh = try await fetch(desired.orderRef, &progress)
        }
        if let fresh = progress.fresh {
            try checkTotal(fresh, desired)
        }
        return try await syncPayments(desired, entries: paymentEntries, currency: currency, progress: progress)
    }

    // MARK: - The order itself

    private func establishOrder(
        _ desired: KeapOrderView, confirmed: KeapOrderView?, currency: Currency, contactID: String, productIDs: [String: String]
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
                                    baseline: OrderBaseline(desired), fresh: nil, fetched: nil)
            if let confirmed = context.trusted(confirmed) {
                progress.baseline = OrderBaseline(confirmed)
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
            contactID: contactID, orderTitle: desired.orderTitle, orderTime: SyncContext.keapTime(desired.orderTime?.utcText ?? ""),
            orderType: desired.orderType,
            items: desired.items.map { itemRequest($0, currency: desired.currency, productID: productIDs[$0.key], creating: true) },
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
    private func lookUp(_ desired: KeapOrderView) async throws(StreamFailure) -> KeapOrder? {
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
    static func mapItems(_ order: KeapOrder, _ desired: KeapOrderView) -> [String: String] {
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
    static func matches(_ keapItem: KeapOrderItem, _ item: KeapOrderItemView) -> Bool {
        if item.lineRef == nil, keapItem.itemType == KeapOrderItemKind.product.rawValue { return keapItem.notes == item.key }
        guard keapItem.itemType == item.itemType.rawValue else { return false }
        guard let lineRef = item.lineRef else { return true }
        return keapItem.notes == lineRef
    }

    // MARK: - Items

    /// An item whose create had an unknown outcome: adopted when Keap's order shows it, else left for the plan to add.
    private func resolveItem(_ item: KeapOrderItemView, desired: KeapOrderView, progress: inout Progress) async throws(StreamFailure) {
        guard progress.itemIDs[item.key] == nil, progress.itemIntents.contains(item.key) else { return }
        // Nothing is created before every intent is settled, so an order read earlier in the attempt serves.
        let order: KeapOrder
        if let fetched = progress.fetched { order = fetched } else { order = try await fetch(desired.orderRef, &progress) }
        let known = Set(progress.itemIDs.values)
        guard let match = order.items.first(where: { !known.contains($0.id) && Self.matches($0, item) }) else { return }
        let key = KeapRefKey(.orderItem, owner: desired.orderRef, item.key)
        try context.store { () throws(LedgerStoreError) in try context.database.recordKeapID(key, id: match.id, adopted: true) }
        progress.itemIDs[item.key] = match.id
        progress.baseline.items[item.key] = OrderBaseline.Item(quantity: Int64(match.quantity), priceMinor: match.pricePerUnit.map { abs($0.amount) } ?? -1)
    }

    /// Carries out one item change of the plan.
    private func apply(_ change: OrderPlan.ItemChange, desired: KeapOrderView, productIDs: [String: String], progress: inout Progress) async throws(StreamFailure) {
        let orderID = progress.orderID
        switch change {
        case .add(let item, _):
            let key = KeapRefKey(.orderItem, owner: desired.orderRef, item.key)
            try context.store { () throws(LedgerStoreError) in try context.database.recordCreateIntent(key) }
            let created = try await context.keap("adding item \(item.key) to order \(desired.orderRef)") { () throws(KeapCallError) in
                try await context.client.createOrderItem(orderID: orderID, itemRequest(item, currency: desired.currency, productID: productIDs[item.key], creating: true))
            }
            try context.store { () throws(LedgerStoreError) in try context.database.recordKeapID(key, id: created.id, adopted: false) }
            progress.itemIDs[item.key] = created.id
        case .update(let item):
            guard let itemID = progress.itemIDs[item.key] else { return }
            _ = try await context.keap("updating item \(item.key) of order \(desired.orderRef)") { () throws(KeapCallError) in
                try await context.client.updateOrderItem(orderID: orderID, itemID: itemID, itemRequest(item, currency: desired.currency, productID: nil, creating: false),
                                                         updateMask: ["quantity", "price_per_unit"])
            }
        case .remove(let key):
            guard let itemID = progress.itemIDs[key] else { return }
            try await context.keap("deleting item \(key) of order \(desired.orderRef)") { () throws(KeapCallError) in
                try await context.client.deleteOrderItem(orderID: orderID, itemID: itemID)
            }
            try context.store { () throws(LedgerStoreError) in try context.database.forgetKeapRef(KeapRefKey(.orderItem, owner: desired.orderRef, key)) }
            progress.itemIDs[key] = nil
        }
    }

    /// Money becomes Keap's decimal text here, in the order's currency.
    private func itemRequest(_ item: KeapOrderItemView, currency: Currency, productID: String?, creating: Bool) -> KeapOrderItemRequest {
        var price = currency.format(item.pricePerUnit)
        if item.itemType == .discount, context.settings.discountSign == .negative, !price.hasPrefix("-") { price = "-" + price }
        let isProduct = item.isProduct
        // A charge as a PRODUCT item of its charge product carries its key in `notes`, as a line carries its ref.
        let chargeAsProduct = !isProduct && context.settings.chargeItems == .product
        return KeapOrderItemRequest(
            itemType: creating ? (chargeAsProduct ? KeapOrderItemKind.product : item.itemType).rawValue : nil,
            productID: creating && (isProduct || chargeAsProduct) ? productID : nil,
            name: creating && !isProduct ? ChargeProducts.name(of: item.itemType.rawValue) : nil,
            description: creating ? nonBlank(item.description) : nil,
            quantity: Int(item.quantity), pricePerUnit: KeapDecimal(text: price),
            notes: creating ? (chargeAsProduct ? item.key : item.lineRef.flatMap(nonBlank)) : nil)
    }

    // MARK: - Totals and payments

    private func checkTotal(_ order: KeapOrder, _ desired: KeapOrderView) throws(StreamFailure) {
        guard order.total.currencyCode == desired.currency.code else {
            throw StreamFailure.refused("Keap order \(order.id) for \(desired.orderRef) is in \(order.total.currencyCode), the ledger's is in \(desired.currency.code); set KEAP_CURRENCY to the tenant's currency")
        }
        guard order.total.amount == desired.totalMinor else {
            throw StreamFailure.refused("Keap's total for order \(desired.orderRef) (Keap id \(order.id)) is \(order.total.amount) minor units, the ledger's is \(desired.totalMinor) (\(desired.currency.format(desired.totalMinor)) \(desired.currency.code)); check the DISCOUNT sign (`keap-ledger keap doctor --probe`, or KEAP_DISCOUNT_SIGN) and the order in Keap, then `keap-ledger outbox retry order/\(desired.orderRef)`")
        }
    }

    /// Records the ledger's captured payments in Keap (manual payments; never a charge), never above Keap's balance:
    /// a payment that does not fit is recorded up to the balance, its note naming the part and the whole, and the rest
    /// follows as further parts when a later change of the order makes room (`PaymentPart`, `OrderPlan.payments`).
    /// Keap then never shows an order the customer paid in full as due.
    private func syncPayments(
        _ desired: KeapOrderView, entries: [String: KeapRefEntry], currency: Currency, progress: Progress
    ) async throws(StreamFailure) -> String? {
        let orderID = progress.orderID
        let entries = try await resolvePayments(desired, entries: entries, currency: currency, orderID: orderID)
        let balance = progress.fresh.map { $0.total.amount - $0.totalPaid.amount }
        var notes: [String] = []
        for step in try OrderPlan.payments(desired, entries: entries, currency: currency, balanceMinor: balance) {
            switch step {
            case .balanceUnknown:
                throw StreamFailure.retryable("order \(desired.orderRef): Keap's balance is unknown, payments wait for the next flush")
            case .aboveBalance(let payment, let wanted, let balance, let partRecorded):
                notes.append("payment \(payment.paymentRef): \(currency.format(wanted)) \(currency.code) of \(currency.format(payment.amount)) not recorded, above Keap's balance of \(currency.format(max(0, balance))) \(currency.code)" + (partRecorded ? " (the recorded part's note names it)" : ""))
            case .record(let payment, let send, let note, let rest):
                let ref = payment.paymentRef
                let key = KeapRefKey(.payment, owner: desired.orderRef, note)
                try context.store { () throws(LedgerStoreError) in try context.database.recordCreateIntent(key) }
                let request = KeapPaymentRequest(
                    amount: KeapDecimal(minorUnits: send, scale: currency.minorUnits),
                    methodType: context.settings.paymentMethodType(payment.method),
                    paymentTime: SyncContext.keapTime(payment.paymentTime.utcText), notes: note, applyToCommissions: false,
                    externalSourceValue: ref)
                let result = try await context.keap("recording payment \(ref) on order \(desired.orderRef)") { () throws(KeapCallError) in
                    try await context.client.createOrderPayment(orderID: orderID, request)
                }
                try context.store { () throws(LedgerStoreError) in try context.database.recordKeapID(key, id: result.id, adopted: false) }
                if rest > 0 {
                    notes.append("payment \(ref): \(currency.format(send)) of \(currency.format(payment.amount)) \(currency.code) recorded (Keap's balance); the rest, \(currency.format(rest)), is above the order's total and named in the payment's note")
                }
            }
        }
        return notes.isEmpty ? nil : notes.joined(separator: "; ")
    }

    /// Settles the payment parts whose create had an unknown outcome (and, while the ledger may be older than Keap,
    /// payments it never linked) against Keap's payment list, looked up by note: found ones are adopted, the others
    /// forgotten so the plan sends them again for what fits now (perhaps another amount, so another note).
    private func resolvePayments(
        _ desired: KeapOrderView, entries: [String: KeapRefEntry], currency: Currency, orderID: String
    ) async throws(StreamFailure) -> [String: KeapRefEntry] {
        var entries = entries
        var listed: [KeapOrderPayment]?
        for payment in desired.payments {
            let ref = payment.paymentRef
            let mine = entries.filter { PaymentPart.belongs($0.key, to: ref) }
            let unresolved = mine.filter { $0.value.keapID == nil }.map(\.key)
            guard !unresolved.isEmpty || (context.lookupFirst && mine.isEmpty) else { continue }
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
                try context.store { () throws(LedgerStoreError) in try context.database.forgetKeapRef(KeapRefKey(.payment, owner: desired.orderRef, part)) }
                entries[part] = nil
            }
        }
        return entries
    }

    /// Whether some payment still has something to record, or a create whose outcome is unknown (decides whether the
    /// order is read for its balance).
    private func paymentsPending(_ desired: KeapOrderView, entries: [String: KeapRefEntry], currency: Currency) -> Bool {
        desired.payments.contains { payment in
            let mine = entries.filter { PaymentPart.belongs($0.key, to: payment.paymentRef) }
            if mine.contains(where: { $0.value.keapID == nil }) || (context.lookupFirst && mine.isEmpty) { return true }
            let amount = payment.amount
            let held = OrderPlan.recorded(payment.paymentRef, amount: amount, entries: mine, currency: currency).held
            return OrderPlan.outstanding(payment.paymentRef, amount: amount, held: held, refunds: desired.refunds, currency: currency) > 0
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

    /// Keap's id for a customer or product the order needs; blocked until it has been sent.
    private func dependency(_ kind: KeapRefKey.Kind, _ ref: String?, what: String) throws(StreamFailure) -> String {
        guard let ref else { throw StreamFailure.refused("the order has no \(what)") }
        guard let id = try context.knownID(KeapRefKey(kind, ref)) else {
            throw StreamFailure.blocked("waiting for \(what) \(ref) to be sent to Keap")
        }
        return id
    }
}

import LedgerCore
import LedgerStore

/// `outbox flush --dry-run`: what each pending stream would send, from the ledger alone. No HTTP at all (not even
/// lookups) and no writes; `{id}` stands for a Keap id the real run would learn on the way.
struct DryRunPlanner {
    let context: SyncContext

    func plan(limit: Int?, line: (String) -> Void, summary: inout FlushSummary) throws(SyncFailure) {
        var remaining = limit ?? Int.max
        for kind in OutboxFlusher.phases {
            let streams: [PendingStream]
            do { streams = try context.database.pendingStreams(kind, limit: remaining == Int.max ? nil : remaining) } catch { throw .database(error) }
            remaining -= streams.count
            for pending in streams {
                do {
                    let snapshot = try StreamSnapshot(pending, database: context.database)
                    for call in try calls(snapshot) { line("\(pending.stream): \(call)") }
                    summary.skipped += 1
                } catch let error as LedgerStoreError {
                    throw .database(error)
                } catch {
                    line("\(pending.stream): \(error)")
                }
            }
        }
    }

    private func calls(_ snapshot: StreamSnapshot) throws -> [String] {
        let view = snapshot.view.value
        switch snapshot.pending.kind {
        case .customer:
            let customer = CustomerView(view)
            let email = customer.email ?? "no email"
            if let id = try context.knownID(KeapRefKey(.contact, customer.customerRef)) {
                let patch = ContactPatch(desired: customer, confirmed: snapshot.confirmed.map(CustomerView.init))
                guard !patch.mask.isEmpty else { return [] }
                return (patch.replacesLists ? ["GET /v2/contacts/\(id) (its lists, to merge)"] : [])
                    + ["PATCH /v2/contacts/\(id) (\(patch.mask.joined(separator: ", ")))"]
            }
            return (nonBlank(customer.email) == nil ? [] : ["GET /v2/contacts?filter=email==\(email)"])
                + ["POST /v2/contacts?duplicate_option=Email, or PATCH the one found (\(email))"]
        case .product:
            let product = ProductView(view)
            if let id = try context.knownID(KeapRefKey(.product, product.sku)) {
                return ["PATCH /v2/products/\(id) (\(product.name ?? product.sku))"]
            }
            return ["GET /v2/products?filter=sku==\(product.sku)", "POST /v2/products or PATCH the one found (\(product.name ?? product.sku))"]
        case .order:
            return try orderCalls(OrderView(view), confirmed: snapshot.confirmed.map(OrderView.init))
        case .subscription:
            return try subscriptionCalls(SubscriptionView(view), confirmed: snapshot.confirmed.map(SubscriptionView.init))
        }
    }

    private func subscriptionCalls(_ subscription: SubscriptionView, confirmed: SubscriptionView?) throws -> [String] {
        let ref = subscription.subscriptionRef
        let status = subscription.status ?? "active"
        guard let id = try context.knownID(KeapRefKey(.subscription, ref)) else {
            let customer = subscription.customerRef ?? "?"
            let contact = try context.knownID(KeapRefKey(.contact, customer)).map { "contact \($0)" } ?? "the contact of customer \(customer)"
            let sku = subscription.sku ?? "?"
            let terms = "\(subscription.cycleType ?? "?") every \(subscription.intervalCount) at \(subscription.price ?? "?") \(subscription.currency ?? "")"
            var calls: [String] = []
            let productID = try context.knownID(KeapRefKey(.product, sku))
            let price = subscription.price.flatMap { text in Currency(code: subscription.currency ?? "").flatMap { OrderBaseline.minor(text, $0) } }
            let planKey = KeapRefKey(.subscriptionPlan, owner: sku, "\(subscription.cycleType ?? "?")/\(subscription.intervalCount)/\(price.map(String.init) ?? "?")")
            if let planID = try context.knownID(planKey) {
                calls.append("POST /v2/subscriptions (\(ref): \(contact), plan \(planID) of product \(sku), \(status), auto_charge false)")
            } else {
                let product = productID ?? "{product id of \(sku)}"
                calls.append("GET /v2/products/\(product)/subscriptions?filter=cycle_type==\(subscription.cycleType ?? "?")")
                calls.append("POST /v2/products/\(product)/subscriptions unless found (\(terms))")
                calls.append("POST /v2/subscriptions (\(ref): \(contact), that plan, \(status), auto_charge false)")
            }
            return calls
        }
        var calls: [String] = []
        let fields = SubscriptionFields.values(of: subscription)
        let oldFields = confirmed.map(SubscriptionFields.values(of:))
        let resume = confirmed?.hasEnded == true && !subscription.hasEnded
        if resume || oldFields == nil || !fields.elementsEqual(oldFields!, by: { $0.key == $1.key && $0.value == $1.value }) {
            let periodEnd = fields.last?.value ?? "none"
            calls.append("PATCH /v2/subscriptions/\(id)?update_mask=custom_fields\(resume ? "&update_mask=active" : "") (status \(status), period end \(periodEnd))")
        }
        if subscription.hasEnded, confirmed?.hasEnded != true {
            calls.append("POST /v2/subscriptions/\(id):deactivate (\(status))")
        }
        return calls.isEmpty ? ["nothing to send"] : calls
    }

    private func orderCalls(_ order: OrderView, confirmed: OrderView?) throws -> [String] {
        guard let orderID = try context.knownID(KeapRefKey(.order, order.orderRef)) else {
            var calls = ["POST /v2/orders (\(order.orderRef): \(order.items.count) items, total \(order.total) \(order.currency))"]
            // Each payment up to the room the total leaves (OrderSync's overpayment rule, PaymentPart).
            var room = order.totalMinor
            for payment in order.payments {
                guard let currency = Currency(code: order.currency), let amount = OrderBaseline.minor(payment.amount, currency) else {
                    calls.append("POST /v2/orders/{id}/payments (\(payment.paymentRef): \(payment.amount) \(order.currency))")
                    continue
                }
                let send = min(amount, max(0, room))
                room -= send
                if send == amount {
                    calls.append("POST /v2/orders/{id}/payments (\(payment.paymentRef): \(payment.amount) \(order.currency))")
                } else if send > 0 {
                    calls.append("POST /v2/orders/{id}/payments (\(payment.paymentRef): \(currency.format(send)) of \(payment.amount) \(order.currency), the rest is above the order's total)")
                } else {
                    calls.append("no payment for \(payment.paymentRef) (\(payment.amount) \(order.currency)): above the order's total")
                }
            }
            return calls
        }
        var calls: [String] = []
        let before = confirmed.map { Dictionary($0.items.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a }) } ?? [:]
        for item in order.items {
            if before[item.key] == nil {
                calls.append("POST /v2/orders/\(orderID)/items (\(item.key) ×\(item.quantity) at \(item.pricePerUnit))")
            } else if before[item.key] != item {
                calls.append("PATCH /v2/orders/\(orderID)/items/{id} (\(item.key) ×\(item.quantity) at \(item.pricePerUnit))")
            }
        }
        for key in before.keys.sorted() where !order.items.contains(where: { $0.key == key }) {
            calls.append("DELETE /v2/orders/\(orderID)/items/{id} (\(key))")
        }
        let fields = OrderFields.values(of: order)
        let oldFields = confirmed.map(OrderFields.values(of:))
        if oldFields == nil || !fields.elementsEqual(oldFields!, by: { $0.key == $1.key && $0.value == $1.value }) {
            calls.append("PATCH /v2/orders/\(orderID)?update_mask=custom_fields")
        }
        let paid = Set(confirmed?.payments.map(\.paymentRef) ?? [])
        calls += order.payments.filter { !paid.contains($0.paymentRef) }.map { "POST /v2/orders/\(orderID)/payments (\($0.paymentRef): \($0.amount) \(order.currency), up to Keap's balance)" }
        return calls.isEmpty ? ["nothing to send"] : calls
    }
}

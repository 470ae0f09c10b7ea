import LedgerCore
import LedgerStore

/// `outbox flush --dry-run`: what each pending stream would send, from the ledger alone. No HTTP at all (not even
/// lookups) and no writes; `{id}` stands for a Keap id the real run would learn on the way. The decisions are the
/// sync's own (`OrderPlan`, `SubscriptionUpdatePlan`, `SubscriptionPlanTerms`, `ContactPatch`, the currency rules),
/// computed from what the ledger believes Keap shows; only their wording is here. Customers and products are assumed
/// sent by the time orders and subscriptions are planned, as the real run's earlier phases do.
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
                    if let unreadable = snapshot.unreadableNote { line("\(pending.stream): \(unreadable)") }
                    for call in try calls(snapshot) { line("\(pending.stream): \(call)") }
                    summary.skipped += 1
                } catch let error as LedgerStoreError {
                    throw .database(error)
                } catch StreamFailure.database(let error) {
                    throw .database(error)
                } catch StreamFailure.refused(let reason) {
                    line("\(pending.stream): would be parked: \(reason)")
                    summary.skipped += 1
                } catch StreamFailure.blocked(let reason) {
                    line("\(pending.stream): skipped, \(reason)")
                    summary.skipped += 1
                } catch {
                    line("\(pending.stream): \(error)")
                }
            }
        }
    }

    private func calls(_ snapshot: StreamSnapshot) throws -> [String] {
        switch snapshot.pending.kind {
        case .customer:
            let customer = try snapshot.desired.customer()
            let email = customer.email ?? "no email"
            if let id = try context.knownID(KeapRefKey(.contact, customer.customerRef)) {
                let patch = ContactPatch(desired: customer, confirmed: snapshot.confirmedCustomer)
                guard !patch.mask.isEmpty else { return [] }
                return (patch.replacesLists ? ["GET /v2/contacts/\(id) (its lists, to merge)"] : [])
                    + ["PATCH /v2/contacts/\(id) (\(patch.mask.joined(separator: ", ")))"]
            }
            return (nonBlank(customer.email) == nil ? [] : ["GET /v2/contacts?filter=email==\(email)"])
                + ["POST /v2/contacts?duplicate_option=Email, or PATCH the one found (\(email))"]
        case .product:
            let product = try snapshot.desired.product()
            if let id = try context.knownID(KeapRefKey(.product, product.sku)) {
                // ProductSync's rule: a product Keap confirmed as the ledger has it gets no call.
                if context.trusted(snapshot.confirmedProduct) == product { return ["nothing to send"] }
                return ["PATCH /v2/products/\(id) (\(product.name ?? product.sku))"]
            }
            return ["GET /v2/products?filter=sku==\(product.sku)", "POST /v2/products or PATCH the one found (\(product.name ?? product.sku))"]
        case .order:
            return try orderCalls(try snapshot.desired.order(), confirmed: snapshot.confirmedOrder)
        case .subscription:
            return try subscriptionCalls(try snapshot.desired.subscription(), confirmed: snapshot.confirmedSubscription)
        }
    }

    private func subscriptionCalls(_ subscription: KeapSubscriptionView, confirmed: KeapSubscriptionView?) throws -> [String] {
        let ref = subscription.subscriptionRef
        let status = subscription.status?.rawValue ?? "active"
        guard let id = try context.knownID(KeapRefKey(.subscription, ref)) else {
            let tenant = context.settings.tenantCurrency
            let terms = try SubscriptionPlanTerms(subscription, tenant: tenant)
            let customer = subscription.customerRef ?? "?"
            let contact = try context.knownID(KeapRefKey(.contact, customer)).map { "contact \($0)" } ?? "the contact of customer \(customer)"
            let sku = subscription.sku ?? ""
            let stopped = subscription.hasEnded ? "stopped (\(status))" : status
            if let planID = try context.knownID(terms.key(sku: sku)) {
                return ["POST /v2/subscriptions (\(ref): \(contact), plan \(planID) of product \(sku), \(stopped), auto_charge false)"]
            }
            let product = try context.knownID(KeapRefKey(.product, sku)) ?? "{product id of \(sku)}"
            return [
                "GET /v2/products/\(product)/subscriptions?filter=cycle_type==\(terms.cycleType)",
                "POST /v2/products/\(product)/subscriptions unless found (\(terms.cycleType) every \(terms.frequency) at \(tenant.format(terms.priceMinor)) \(tenant.code))",
                "POST /v2/subscriptions (\(ref): \(contact), that plan, \(stopped), auto_charge false)",
            ]
        }
        var calls: [String] = []
        let trusted = context.trusted(confirmed)
        if trusted == nil {
            // SubscriptionSync reads Keap's subscription when nothing it confirmed can be trusted, and plans against it.
            calls.append("GET /v2/subscriptions/\(id) (not confirmed: what it shows decides the calls below, planned as if it showed nothing)")
        }
        let plan = SubscriptionUpdatePlan(subscription, confirmed: trusted)
        if plan.patches {
            let mask = plan.updateMask.map { "update_mask=\($0)" }.joined(separator: "&")
            calls.append("PATCH /v2/subscriptions/\(id)?\(mask) (status \(status), period end \(plan.value("CurrentPeriodEnd") ?? "none"))")
        }
        if plan.deactivates {
            calls.append("POST /v2/subscriptions/\(id):deactivate (\(status))")
        }
        return calls.isEmpty ? ["nothing to send"] : calls
    }

    private func orderCalls(_ order: KeapOrderView, confirmed: KeapOrderView?) throws -> [String] {
        let currency = try OrderPlan.currency(of: order, tenant: context.settings.tenantCurrency)
        guard let orderID = try context.knownID(KeapRefKey(.order, order.orderRef)) else {
            // A new order is created whole: Keap's balance is then its total, which the payments fill in turn.
            let payments = try OrderPlan.payments(order, entries: [:], currency: currency, balanceMinor: order.totalMinor)
            return ["POST /v2/orders (\(order.orderRef): \(order.items.count) items, total \(currency.format(order.totalMinor)) \(currency.code))"]
                + payments.map { paymentCall($0, orderID: "{id}", currency: currency) }
        }
        var calls: [String] = []
        let itemEntries = try context.store { () throws(LedgerStoreError) in try context.database.keapRefs(.orderItem, owner: order.orderRef) }
        let itemIDs = itemEntries.compactMapValues(\.keapID)
        var pendingLookup = Set(itemEntries.filter { $0.value.keapID == nil }.map(\.key))
        if context.lookupFirst { pendingLookup.formUnion(Set(order.items.map(\.key)).subtracting(itemIDs.keys)) }
        if let confirmed = context.trusted(confirmed) {
            let plan = OrderPlan(order, baseline: OrderBaseline(confirmed), linked: Set(itemIDs.keys),
                                 pendingLookup: pendingLookup, currency: currency)
            for change in plan.items {
                switch change {
                case .add(let item, let afterLookup):
                    calls.append("POST /v2/orders/\(orderID)/items (\(item.key) ×\(item.quantity) at \(currency.format(item.pricePerUnit))\(afterLookup ? ", unless Keap's order already has it" : ""))")
                case .update(let item):
                    calls.append("PATCH /v2/orders/\(orderID)/items/\(itemIDs[item.key] ?? "{id}") (\(item.key) ×\(item.quantity) at \(currency.format(item.pricePerUnit)))")
                case .remove(let key):
                    calls.append("DELETE /v2/orders/\(orderID)/items/\(itemIDs[key] ?? "{id}") (\(key))")
                }
            }
            if plan.customFields != nil {
                calls.append("PATCH /v2/orders/\(orderID)?update_mask=custom_fields")
            }
        } else {
            // OrderSync reads Keap's order when nothing it confirmed can be trusted and sends whatever differs from it.
            calls.append("GET /v2/orders/\(orderID) (not confirmed: its items and custom fields are brought in line with what it shows)")
        }
        let paymentEntries = try context.store { () throws(LedgerStoreError) in try context.database.keapRefs(.payment, owner: order.orderRef) }
        // Keap's balance is not read in a dry run: the flush reads it first and records up to it.
        calls += try OrderPlan.payments(order, entries: paymentEntries, currency: currency, balanceMinor: nil)
            .map { paymentCall($0, orderID: orderID, currency: currency) }
        return calls.isEmpty ? ["nothing to send"] : calls
    }

    private func paymentCall(_ step: OrderPlan.PaymentStep, orderID: String, currency: Currency) -> String {
        switch step {
        case .record(let payment, let send, _, let rest):
            let amount = rest > 0 ? "\(currency.format(send)) of \(currency.format(payment.amount)) \(currency.code), the rest is above the order's total" : "\(currency.format(send)) \(currency.code)"
            return "POST /v2/orders/\(orderID)/payments (\(payment.paymentRef): \(amount))"
        case .aboveBalance(let payment, _, _, _):
            return "no payment for \(payment.paymentRef) (\(currency.format(payment.amount)) \(currency.code)): above the order's total"
        case .balanceUnknown(let payment, let wanted):
            let amount = payment.amount == wanted ? currency.format(payment.amount) : "\(currency.format(wanted)) of \(currency.format(payment.amount))"
            return "POST /v2/orders/\(orderID)/payments (\(payment.paymentRef): \(amount) \(currency.code), up to Keap's balance)"
        }
    }
}

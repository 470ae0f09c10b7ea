import Foundation
import GRDB
import KeapSandbox
import LedgerCore
import LedgerStore
@testable import LedgerSync

/// Compares what the sandbox holds with what the ledger says Keap should show, to the cent. Returns every
/// disagreement as a readable line (empty = agreement), so a failing test says what is wrong, not just that it is.
enum KeapAgreement {
    static func problems(ledger database: LedgerDatabase, keap snapshot: SandboxSnapshot, tenantCurrency: String = "USD") throws -> [String] {
        var problems: [String] = []
        let streams = try database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT stream, ref, ready, status FROM outbox_stream WHERE kind = 'order' ORDER BY stream")
        }
        var expectedRefs: Set<String> = []
        for row in streams {
            let ref: String = row["ref"]
            let inKeap = snapshot.orders(customField: "ExternalOrderRef", equals: ref)
            var state = StreamState(kind: .order, reference: ref)
            for event in try database.streamEvents(row["stream"]) { state.apply(event) }
            guard (row["ready"] as Int) == 1, case .order(let view) = KeapView(state), view.currency.code == tenantCurrency else {
                if !inKeap.isEmpty { problems.append("\(ref): \(inKeap.count) Keap orders, but it is incomplete or not in \(tenantCurrency)") }
                continue
            }
            expectedRefs.insert(ref)
            guard inKeap.count == 1, let order = inKeap.first else {
                problems.append("\(ref): \(inKeap.count) Keap orders, expected exactly 1 (outbox status \(row["status"] as String))")
                continue
            }
            if order.total != view.totalMinor { problems.append("\(ref): Keap total \(order.total), ledger \(view.totalMinor)") }
            if order.items.count != view.items.count { problems.append("\(ref): \(order.items.count) Keap items, ledger \(view.items.count)") }
            for item in view.items {
                // A charge is a typed item or, sent as a PRODUCT item of its charge product, carries its key in notes.
                let matches = order.items.filter { keapItem in
                    guard let lineRef = item.lineRef else {
                        return keapItem.itemType == item.itemType.rawValue || (keapItem.itemType == "PRODUCT" && keapItem.notes == item.key)
                    }
                    return keapItem.itemType == item.itemType.rawValue && keapItem.notes == lineRef
                }
                guard matches.count == 1, let keapItem = matches.first else {
                    problems.append("\(ref): \(matches.count) Keap items for \(item.key)")
                    continue
                }
                let price: Int64? = item.pricePerUnit
                // A DISCOUNT's sign on the wire is the tenant's (KEAP_DISCOUNT_SIGN or the doctor's finding).
                let keapPrice = item.itemType == .discount ? abs(keapItem.pricePerUnit) : keapItem.pricePerUnit
                if keapItem.quantity != item.quantity || keapPrice != price {
                    problems.append("\(ref) \(item.key): Keap \(keapItem.quantity) x \(keapItem.pricePerUnit), ledger \(item.quantity) x \(price ?? -1)")
                }
            }
            for field in OrderFields.values(of: view) where order.customField(label: field.key).flatMap({ $0.isEmpty ? nil : $0 }) != field.value {
                problems.append("\(ref): custom field \(field.key) is \(order.customField(label: field.key) ?? "unset") in Keap, \(field.value ?? "unset") in the ledger")
            }
            // Payments, in order: each ledger payment as a whole (its ref in notes) when it fits Keap's balance, else
            // what fits of it as a part whose note names the part and the whole (issue #12 item 6), nothing once the
            // total is reached. The parts of one payment add up to what Keap holds of it.
            var paid: Int64 = 0
            for payment in view.payments {
                let amount = payment.amount
                let held = min(amount, max(0, view.totalMinor - paid))
                let whole = order.payments.filter { $0.notes == payment.paymentRef }
                let parts = order.payments.filter { $0.notes?.hasPrefix("\(payment.paymentRef) [part ") == true }
                let recorded = (whole + parts).reduce(Int64(0)) { $0 + $1.amount }
                if recorded != held {
                    problems.append("\(ref): payment \(payment.paymentRef) (\(amount)) is \(recorded) in Keap (\(whole.count) whole, \(parts.count) parts), expected \(held)")
                }
                // Whole once, or in parts (a later change made room for the rest), never both.
                if whole.count > 1 || (whole.count == 1 && !parts.isEmpty) {
                    problems.append("\(ref): payment \(payment.paymentRef) recorded whole \(whole.count) times and in \(parts.count) parts in Keap")
                }
                paid += held
            }
            for keapPayment in order.payments where !view.payments.contains(where: { keapPayment.notes == $0.paymentRef || keapPayment.notes?.hasPrefix("\($0.paymentRef) [part ") == true }) {
                problems.append("\(ref): Keap payment \(keapPayment.id) (\(keapPayment.notes ?? "no note")) is no payment of the ledger's")
            }
        }
        // Nothing in Keap that the ledger does not want there; no duplicate contact or product.
        for order in snapshot.orders {
            let ref = order.customField(label: "ExternalOrderRef") ?? "(none)"
            if !expectedRefs.contains(ref) { problems.append("Keap order \(order.id) has ExternalOrderRef \(ref), which the ledger does not send") }
        }
        problems += try subscriptionProblems(ledger: database, keap: snapshot, tenantCurrency: tenantCurrency)
        let emails = snapshot.contacts.flatMap(\.emails)
        if Set(emails).count != emails.count { problems.append("duplicate contact emails in Keap") }
        let skus = snapshot.products.compactMap(\.sku)
        if Set(skus).count != skus.count { problems.append("duplicate product SKUs in Keap") }
        return problems
    }

    /// Subscriptions: exactly one Keap subscription per sendable ledger subscription (complete, in the tenant's
    /// currency), on a plan of its product with its terms, for its customer's contact, never auto-charging, active
    /// unless cancelled or expired, with the ledger's status and real dates in its custom fields; each plan once.
    static func subscriptionProblems(ledger database: LedgerDatabase, keap snapshot: SandboxSnapshot, tenantCurrency: String) throws -> [String] {
        var problems: [String] = []
        let streams = try database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT stream, ref, ready, status FROM outbox_stream WHERE kind = 'subscription' ORDER BY stream")
        }
        var expectedRefs: Set<String> = []
        for row in streams {
            let ref: String = row["ref"]
            let inKeap = snapshot.subscriptions(customField: "ExternalSubscriptionRef", equals: ref)
            var state = StreamState(kind: .subscription, reference: ref)
            for event in try database.streamEvents(row["stream"]) { state.apply(event) }
            guard (row["ready"] as Int) == 1, case .subscription(let view) = KeapView(state), view.currency?.code == tenantCurrency else {
                if !inKeap.isEmpty { problems.append("subscription \(ref): \(inKeap.count) in Keap, but it is incomplete or not in \(tenantCurrency)") }
                continue
            }
            expectedRefs.insert(ref)
            guard inKeap.count == 1, let subscription = inKeap.first else {
                problems.append("subscription \(ref): \(inKeap.count) in Keap, expected exactly 1 (outbox status \(row["status"] as String))")
                continue
            }
            if subscription.active == view.hasEnded {
                problems.append("subscription \(ref): Keap active=\(subscription.active), ledger status \(view.status?.rawValue ?? "?")")
            }
            if subscription.autoCharge { problems.append("subscription \(ref): auto_charge is on in Keap") }
            for field in SubscriptionFields.values(of: view) where subscription.customField(label: field.key).flatMap({ $0.isEmpty ? nil : $0 }) != field.value {
                problems.append("subscription \(ref): custom field \(field.key) is \(subscription.customField(label: field.key) ?? "unset") in Keap, \(field.value ?? "unset") in the ledger")
            }
            let price = view.price
            if let plan = snapshot.subscriptionPlans.first(where: { $0.id == subscription.planID }) {
                if plan.cycleType != view.cycleType || plan.frequency != view.intervalCount || plan.planPrice != price || plan.totalCycles != 0 {
                    problems.append("subscription \(ref): Keap plan \(plan.id) is \(plan.cycleType) x\(plan.frequency) at \(plan.planPrice), ledger \(view.cycleType ?? "?") x\(view.intervalCount) at \(price ?? -1)")
                }
            } else {
                problems.append("subscription \(ref): its Keap plan \(subscription.planID) does not exist")
            }
            let sku = snapshot.products.first { $0.id == subscription.productID }?.sku
            if sku != view.sku { problems.append("subscription \(ref): Keap product SKU \(sku ?? "none"), ledger \(view.sku ?? "none")") }
            let customer = snapshot.contacts.first { $0.id == subscription.contactID }?.customFields.first { $0.label == "ExternalCustomerRef" }?.text
            if customer != view.customerRef { problems.append("subscription \(ref): Keap contact is customer \(customer ?? "none"), ledger \(view.customerRef ?? "none")") }
        }
        for subscription in snapshot.subscriptions {
            let ref = subscription.customField(label: "ExternalSubscriptionRef") ?? "(none)"
            if !expectedRefs.contains(ref) { problems.append("Keap subscription \(subscription.id) has ExternalSubscriptionRef \(ref), which the ledger does not send") }
        }
        var plans: Set<String> = []
        for plan in snapshot.subscriptionPlans where !plans.insert("\(plan.productID) \(plan.cycleType) \(plan.frequency) \(plan.planPrice)").inserted {
            problems.append("Keap has two plans \(plan.cycleType) x\(plan.frequency) at \(plan.planPrice) on product \(plan.productID)")
        }
        return problems
    }
}

import KeapClient
import LedgerCore
import LedgerStore

/// The Keap plan a subscription needs, under its product. One plan per (SKU, terms) in the id map, shared by every
/// subscription with those terms. Always looked up before a create (by cycle, frequency, price and open end, like
/// products by SKU: the shop may have made the plan by hand, or an earlier create's answer was lost), and created
/// with an intent first (rule 2). Streams that need the same plan take turns, so it is created once.
struct SubscriptionPlanSync {
    let context: SyncContext

    func plan(sku: String, productID: String, terms: SubscriptionPlanTerms) async throws(StreamFailure) -> String {
        let key = terms.key(sku: sku)
        return try await context.planGate.withKey(key.description) { () async throws(StreamFailure) -> String in
            if let id = try context.knownID(key) { return id }
            let listed = try await context.keap("looking up the \(terms) plan of product \(sku)") { () throws(KeapCallError) in
                try await context.client.listSubscriptionPlans(productID: productID, filter: "cycle_type==\(terms.cycleType)")
            }
            let candidates = listed.filter { matches($0, terms) }.sorted { SyncContext.isOlder($0.id, than: $1.id) }
            for candidate in candidates {
                // A plan another key already owns is not ours to adopt (the id map keeps one ref per Keap object).
                let owner = try context.store { () throws(LedgerStoreError) in try context.database.keapRefOwning(.subscriptionPlan, keapID: candidate.id) }
                guard owner == nil else { continue }
                // Several plans with the same terms are harmless (unlike orders): take the oldest.
                try context.store { () throws(LedgerStoreError) in try context.database.recordKeapID(key, id: candidate.id, adopted: true) }
                return candidate.id
            }
            try context.store { () throws(LedgerStoreError) in try context.database.recordCreateIntent(key) }
            let created = try await context.keap("creating the \(terms) plan of product \(sku)") { () throws(KeapCallError) in
                try await context.client.createSubscriptionPlan(productID: productID, KeapSubscriptionPlanRequest(
                    cycleType: terms.cycleType, planPriceMinor: terms.priceMinor, frequency: terms.frequency, totalCycles: 0, active: true))
            }
            // `plan_price` is documented as minor units; if Keap read it otherwise, every bill would be wrong. The
            // plan stays unrecorded (an intent) and the stream parks with both figures, like an order total.
            if let price = created.planPrice,
               price.amount != terms.priceMinor || price.currencyCode != context.settings.tenantCurrency.code {
                throw StreamFailure.refused("Keap made plan \(created.id) of product \(sku) at \(price.amount) \(price.currencyCode) minor units, the ledger's price is \(terms.priceMinor) \(context.settings.tenantCurrency.code); Keap reads plan_price in other units than the OpenAPI says: fix the plan in Keap, then `keap-ledger outbox retry`")
            }
            try context.store { () throws(LedgerStoreError) in try context.database.recordKeapID(key, id: created.id, adopted: false) }
            return created.id
        }
    }

    private func matches(_ plan: KeapSubscriptionPlan, _ terms: SubscriptionPlanTerms) -> Bool {
        plan.cycleType == terms.cycleType && plan.frequency == terms.frequency && plan.totalCycles == 0 && plan.active != false
            && plan.planPrice?.amount == terms.priceMinor && plan.planPrice?.currencyCode == context.settings.tenantCurrency.code
    }
}

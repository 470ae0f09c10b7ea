import KeapClient
import LedgerCore
import LedgerStore

/// One subscription stream -> one Keap subscription, ever (spec/keap-sync.md, mapping row "subscription"). Created
/// on its product's plan with `auto_charge=false` (the ledger records charges, Keap must not make them), intent first
/// and looked up by `ExternalSubscriptionRef` after an unknown outcome (rule 2). Keap knows a subscription as active
/// or stopped: cancelled and expired `:deactivate` it; paused and past_due, the real start and the current period end
/// live in custom fields (Keap refuses start dates in the past).
struct SubscriptionSync {
    let context: SyncContext

    func sync(_ desired: SubscriptionView, confirmed: SubscriptionView?) async throws(StreamFailure) {
        let key = KeapRefKey(.subscription, desired.subscriptionRef)
        let entry = try context.entry(key)
        let confirmed = context.trusted(confirmed)
        // Keap's subscription as it answered during this attempt; nil while only the confirmed view says what it shows.
        let keap: KeapSubscription?
        let id: String
        switch entry {
        case .known(let known, _):
            id = known
            // Created or adopted by an attempt that did not finish: compare with what Keap actually has.
            if confirmed == nil {
                keap = try await fetch(desired, id: known)
            } else {
                keap = nil
            }
        case .intent:
            // Rule 2: an earlier create may have happened. Find it by our ref before creating again.
            let subscription: KeapSubscription
            if let found = try await lookUp(desired) {
                try adopt(key, found)
                subscription = found
            } else {
                subscription = try await create(desired, key: key)
            }
            id = subscription.id
            keap = subscription
        case .unknown:
            let subscription = try await create(desired, key: key)
            id = subscription.id
            keap = subscription
        }
        try await bringInLine(desired, confirmed: confirmed, id: id, keap: keap)
    }

    // MARK: - The subscription itself

    private func create(_ desired: SubscriptionView, key: KeapRefKey) async throws(StreamFailure) -> KeapSubscription {
        let terms = try planTerms(desired)
        let contactID = try dependency(.contact, desired.customerRef, what: "customer")
        let productID = try dependency(.product, desired.sku, what: "product")
        let planID = try await SubscriptionPlanSync(context: context).plan(sku: desired.sku ?? "", productID: productID, terms: terms)
        // allow_duplicate=false lets Keap refuse an identical active subscription of the contact, a second line of
        // defence behind the lookup. When the ledger itself holds identical subscriptions (one customer, two of the
        // same), they are distinct ones and Keap must take each.
        let twins = try context.store { () throws(LedgerStoreError) in try context.database.identicalSubscriptions(of: desired.subscriptionRef) }
        let request = KeapSubscriptionCreateRequest(
            contactID: contactID, subscriptionPlanID: planID, quantity: 1,
            // A subscription that ended before it was first sent is created stopped (checked below all the same).
            active: !desired.hasEnded, autoCharge: false, allowDuplicate: !twins.isEmpty,
            reasonStopped: desired.hasEnded ? desired.status : nil,
            customFields: context.fields.values(.subscriptions, SubscriptionFields.values(of: desired)))
        try context.store { () throws(LedgerStoreError) in try context.database.recordCreateIntent(key) }
        let created = try await context.keap("creating subscription \(desired.subscriptionRef)") { () throws(KeapCallError) in
            try await context.client.createSubscription(request)
        }
        try adopt(key, created, created: true)
        return created
    }

    /// Rule 2 lookup: the Keap subscriptions whose `ExternalSubscriptionRef` is exactly the ref.
    func lookUp(_ desired: SubscriptionView) async throws(StreamFailure) -> KeapSubscription? {
        guard let field = context.fields.entry(.subscriptions, "ExternalSubscriptionRef") else { return nil }
        let ref = desired.subscriptionRef
        let candidates = try await context.keap("looking up subscription \(ref) by ExternalSubscriptionRef") { () throws(KeapCallError) in
            try await context.client.listSubscriptions(filter: SyncContext.exactFilter(fieldName: field.fieldName, value: ref))
        }
        let found = try await context.exactMatches(candidates, field: field, ref: ref, customFields: \.customFields, id: \.id) { id throws(StreamFailure) in
            try await fetch(desired, id: id)
        }
        if found.count > 1 {
            throw StreamFailure.refused("Keap already has \(found.count) subscriptions for \(ref) (ids \(found.map(\.id).joined(separator: ", "))); keep one in Keap (deactivate the others and clear their ExternalSubscriptionRef), then `keap-ledger outbox retry subscription/\(ref)`")
        }
        return found.first
    }

    /// Records the subscription's id, refusing when another subscription ref already owns it.
    private func adopt(_ key: KeapRefKey, _ subscription: KeapSubscription, created: Bool = false) throws(StreamFailure) {
        if let other = try context.store({ () throws(LedgerStoreError) in try context.database.keapRefOwning(.subscription, keapID: subscription.id) }), other != key.ref {
            throw StreamFailure.refused("subscription \(key.ref) maps to Keap subscription \(subscription.id), which subscription \(other) already uses")
        }
        try context.store { () throws(LedgerStoreError) in try context.database.recordKeapID(key, id: subscription.id, adopted: !created) }
    }

    // MARK: - Status and custom fields

    /// PATCHes the custom fields that differ from what Keap shows (resuming a stopped subscription in the same call),
    /// then deactivates it when the ledger's subscription has ended and Keap's is still active.
    private func bringInLine(_ desired: SubscriptionView, confirmed: SubscriptionView?, id: String, keap: KeapSubscription?) async throws(StreamFailure) {
        var keap = keap
        let fields = SubscriptionFields.values(of: desired)
        let shown: [String: String?]
        let stopped: Bool
        if let keap {
            shown = shownFields(keap)
            stopped = Self.isStopped(keap)
        } else {
            var fromConfirmed: [String: String?] = [:]
            for field in confirmed.map(SubscriptionFields.values(of:)) ?? [] { fromConfirmed[field.key] = .some(field.value) }
            shown = fromConfirmed
            stopped = confirmed?.hasEnded ?? false
        }
        let resume = stopped && !desired.hasEnded
        if resume || fields.contains(where: { shown[$0.key] != .some($0.value) }) {
            let request = KeapSubscriptionUpdateRequest(active: resume ? true : nil, customFields: context.fields.values(.subscriptions, fields))
            let mask = resume ? ["custom_fields", "active"] : ["custom_fields"]
            let updated = try await context.keap("updating subscription \(desired.subscriptionRef) (Keap id \(id))") { () throws(KeapCallError) in
                try await context.client.updateSubscription(id: id, request, updateMask: mask)
            }
            if resume, Self.isStopped(updated) {
                throw StreamFailure.refused("Keap kept subscription \(id) (\(desired.subscriptionRef)) stopped although the ledger's is \(desired.status ?? "active") again; resume it in Keap, then `keap-ledger outbox retry subscription/\(desired.subscriptionRef)`")
            }
            keap = updated
        }
        guard desired.hasEnded else { return }
        // Keap confirmed it stopped before, and nothing was sent since that could say otherwise.
        if keap == nil, confirmed?.hasEnded == true { return }
        // Read before deactivating: a deactivation whose answer was lost may have happened, and Keap refuses a second.
        let current: KeapSubscription
        if let keap { current = keap } else { current = try await fetch(desired, id: id) }
        guard !Self.isStopped(current) else { return }
        let reason = desired.status
        try await context.keap("deactivating subscription \(desired.subscriptionRef) (Keap id \(id))") { () throws(KeapCallError) in
            try await context.client.deactivateSubscription(id: id, reason: reason)
        }
    }

    /// What Keap's subscription shows differently from the ledger's (reconcile): active or stopped, and the sync's
    /// custom fields (status, real dates).
    func differences(_ desired: SubscriptionView, _ keap: KeapSubscription) -> [FieldDifference] {
        var found: [FieldDifference] = []
        if Self.isStopped(keap) != desired.hasEnded {
            found.append(FieldDifference(field: "active", ledger: desired.hasEnded ? "stopped (\(desired.status ?? "ended"))" : "active",
                                         keap: Self.isStopped(keap) ? "stopped" : "active"))
        }
        let shown = shownFields(keap)
        for (label, value) in SubscriptionFields.values(of: desired) where shown[label] != .some(value) {
            found.append(FieldDifference(field: label, ledger: value ?? "(empty)", keap: (shown[label] ?? nil) ?? "(empty)"))
        }
        return found
    }

    /// Keap v2 writes protobuf-style JSON, which leaves false booleans out: an absent `active` is a stopped subscription.
    private static func isStopped(_ subscription: KeapSubscription) -> Bool {
        subscription.active != true
    }

    /// Our custom fields as Keap shows them (empty text counts as unset).
    private func shownFields(_ subscription: KeapSubscription) -> [String: String?] {
        var shown: [String: String?] = [:]
        for label in SubscriptionFields.labels {
            guard let entry = context.fields.entry(.subscriptions, label) else { continue }
            let content = subscription.customFields.first(where: { $0.id == entry.id })?.content
            shown[label] = .some(content.flatMap { $0.isEmpty ? nil : $0 })
        }
        return shown
    }

    // MARK: - Helpers

    private func fetch(_ desired: SubscriptionView, id: String) async throws(StreamFailure) -> KeapSubscription {
        try await context.keap("reading subscription \(desired.subscriptionRef) (Keap id \(id))") { () throws(KeapCallError) in
            try await context.client.getSubscription(id: id)
        }
    }

    /// The plan the subscription needs, in the tenant's currency (Keap subscriptions, like orders, have none of their
    /// own: another currency cannot be represented and parks before any call).
    private func planTerms(_ desired: SubscriptionView) throws(StreamFailure) -> SubscriptionPlanTerms {
        let ref = desired.subscriptionRef
        guard let code = desired.currency, let currency = Currency(code: code), currency == context.settings.tenantCurrency else {
            throw StreamFailure.refused("subscription \(ref) is in \(desired.currency ?? "no currency"), but the Keap tenant's currency is \(context.settings.tenantCurrency.code) (KEAP_CURRENCY) and Keap subscriptions have no currency of their own; it cannot be sent to this tenant")
        }
        guard let cycleType = desired.cycleType else {
            throw StreamFailure.refused("subscription \(ref) has no billing interval Keap knows (\(desired.interval ?? "none"))")
        }
        guard let price = desired.price.flatMap({ OrderBaseline.minor($0, currency) }) else {
            throw StreamFailure.refused("subscription \(ref) has no valid price in \(currency.code) (\(desired.price ?? "none"))")
        }
        guard let frequency = Int(exactly: desired.intervalCount), frequency >= 1 else {
            throw StreamFailure.refused("subscription \(ref) has an interval count of \(desired.intervalCount)")
        }
        return SubscriptionPlanTerms(cycleType: cycleType, frequency: frequency, priceMinor: price)
    }

    /// Keap's id for the customer or product a new subscription needs; blocked until it has been sent.
    private func dependency(_ kind: KeapRefKey.Kind, _ ref: String?, what: String) throws(StreamFailure) -> String {
        guard let ref else { throw StreamFailure.refused("the subscription has no \(what)") }
        guard let id = try context.knownID(KeapRefKey(kind, ref)) else {
            throw StreamFailure.blocked("waiting for \(what) \(ref) to be sent to Keap")
        }
        return id
    }
}

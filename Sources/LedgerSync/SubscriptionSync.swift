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

    func sync(_ desired: KeapSubscriptionView, confirmed: KeapSubscriptionView?) async throws(StreamFailure) {
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

    private func create(_ desired: KeapSubscriptionView, key: KeapRefKey) async throws(StreamFailure) -> KeapSubscription {
        let terms = try SubscriptionPlanTerms(desired, tenant: context.settings.tenantCurrency)
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
            reasonStopped: desired.hasEnded ? desired.status?.rawValue : nil,
            customFields: context.fields.values(.subscriptions, SubscriptionFields.values(of: desired)))
        try context.store { () throws(LedgerStoreError) in try context.database.recordCreateIntent(key) }
        let created = try await context.keap("creating subscription \(desired.subscriptionRef)") { () throws(KeapCallError) in
            try await context.client.createSubscription(request)
        }
        try adopt(key, created, created: true)
        return created
    }

    /// Rule 2 lookup: the Keap subscriptions whose `ExternalSubscriptionRef` is exactly the ref.
    func lookUp(_ desired: KeapSubscriptionView) async throws(StreamFailure) -> KeapSubscription? {
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
    private func bringInLine(_ desired: KeapSubscriptionView, confirmed: KeapSubscriptionView?, id: String, keap: KeapSubscription?) async throws(StreamFailure) {
        var keap = keap
        let plan: SubscriptionUpdatePlan
        if let keap {
            plan = SubscriptionUpdatePlan(desired, shown: shownFields(keap), stopped: Self.isStopped(keap))
        } else {
            plan = SubscriptionUpdatePlan(desired, confirmed: confirmed)
        }
        if plan.patches {
            let request = KeapSubscriptionUpdateRequest(active: plan.resumes ? true : nil, customFields: context.fields.values(.subscriptions, plan.fields))
            let mask = plan.updateMask
            let updated = try await context.keap("updating subscription \(desired.subscriptionRef) (Keap id \(id))") { () throws(KeapCallError) in
                try await context.client.updateSubscription(id: id, request, updateMask: mask)
            }
            if plan.resumes, Self.isStopped(updated) {
                throw StreamFailure.refused("Keap kept subscription \(id) (\(desired.subscriptionRef)) stopped although the ledger's is \(desired.status?.rawValue ?? "active") again; resume it in Keap, then `keap-ledger outbox retry subscription/\(desired.subscriptionRef)`")
            }
            keap = updated
        }
        guard desired.hasEnded else { return }
        // Keap's answer during this attempt, when there is one, outranks the plan's belief; without one, the plan says.
        if keap == nil, !plan.deactivates { return }
        // Read before deactivating: a deactivation whose answer was lost may have happened, and Keap refuses a second.
        let current: KeapSubscription
        if let keap { current = keap } else { current = try await fetch(desired, id: id) }
        guard !Self.isStopped(current) else { return }
        let reason = desired.status?.rawValue
        try await context.keap("deactivating subscription \(desired.subscriptionRef) (Keap id \(id))") { () throws(KeapCallError) in
            try await context.client.deactivateSubscription(id: id, reason: reason)
        }
    }

    /// What Keap's subscription shows differently from the ledger's (reconcile): active or stopped, and the sync's
    /// custom fields (status, real dates).
    func differences(_ desired: KeapSubscriptionView, _ keap: KeapSubscription) -> [FieldDifference] {
        var found: [FieldDifference] = []
        if Self.isStopped(keap) != desired.hasEnded {
            found.append(FieldDifference(field: "active", ledger: desired.hasEnded ? "stopped (\(desired.status?.rawValue ?? "ended"))" : "active",
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

    private func fetch(_ desired: KeapSubscriptionView, id: String) async throws(StreamFailure) -> KeapSubscription {
        try await context.keap("reading subscription \(desired.subscriptionRef) (Keap id \(id))") { () throws(KeapCallError) in
            try await context.client.getSubscription(id: id)
        }
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

import KeapClient
import LedgerCore
import LedgerStore

/// One product stream -> one Keap product, found by SKU (spec/keap-sync.md: look up by SKU, create if absent,
/// PATCH changes). Keap's product price is integer minor units of the tenant's currency.
struct ProductSync {
    let context: SyncContext

    func sync(_ desired: KeapProductView, confirmed: KeapProductView?) async throws(StreamFailure) {
        let key = KeapRefKey(.product, desired.sku)
        if let id = try context.knownID(key) {
            guard context.trusted(confirmed) != desired else { return }
            _ = try await context.keap("updating product \(desired.sku) (Keap id \(id))") { () throws(KeapCallError) in
                try await context.client.updateProduct(id: id, request(desired), updateMask: mask(desired))
            }
            return
        }
        // Always look first: the product may exist in Keap already (made by hand, or by a create whose answer was lost).
        if let existing = try await lookUp(desired.sku) {
            try context.store { () throws(LedgerStoreError) in try context.database.recordKeapID(key, id: existing.id, adopted: true) }
            _ = try await context.keap("updating product \(desired.sku) (Keap id \(existing.id))") { () throws(KeapCallError) in
                try await context.client.updateProduct(id: existing.id, request(desired), updateMask: mask(desired))
            }
            return
        }
        try context.store { () throws(LedgerStoreError) in try context.database.recordCreateIntent(key) }
        let created = try await context.keap("creating product \(desired.sku)") { () throws(KeapCallError) in
            try await context.client.createProduct(request(desired))
        }
        try context.store { () throws(LedgerStoreError) in try context.database.recordKeapID(key, id: created.id, adopted: false) }
    }

    /// The Keap product with exactly this SKU; several are refused (the sync cannot choose between them).
    func lookUp(_ sku: String) async throws(StreamFailure) -> KeapProduct? {
        let found = try await context.keap("looking up product \(sku) by SKU") { () throws(KeapCallError) in
            try await context.client.listProducts(filter: SyncContext.exactFilter(fieldName: "sku", value: sku))
        }.filter { $0.sku == sku }
        if found.count > 1 {
            throw StreamFailure.refused("Keap has \(found.count) products with SKU \(sku) (ids \(found.map(\.id).joined(separator: ", "))); merge them in Keap, then `keap-ledger outbox retry product/\(sku)`")
        }
        return found.first
    }

    /// True when Keap's product already shows everything a PATCH would send: name, SKU, price, active, and the short
    /// description (the name). Keap's product answers as read here carry no description, so a product whose ledger
    /// view has one never counts as shown. `keap relink` records a shown product as confirmed, so the next flush sends
    /// nothing for it.
    func shows(_ desired: KeapProductView, _ keap: KeapProduct) -> Bool {
        let sent = request(desired)
        guard sent.description == nil else { return false }
        // Keap writes protobuf-style JSON, which leaves a false boolean out: an absent `active` is inactive.
        return keap.name == sent.name && keap.sku == sent.sku && keap.price?.amount == sent.priceMinor
            && (keap.active ?? false) == sent.active
    }

    /// The price is sent only in the tenant's currency (Keap products have no currency of their own); a product
    /// priced in another currency is created at 0 and its orders carry their own prices per line.
    private func request(_ product: KeapProductView) -> KeapProductRequest {
        let name = nonBlank(product.name) ?? product.sku
        let price = product.currency == context.settings.tenantCurrency ? (product.priceMinor ?? 0) : 0
        return KeapProductRequest(
            name: name, sku: product.sku, priceMinor: price, shortDescription: name,
            description: nonBlank(product.description), active: product.isActive)
    }

    private func mask(_ product: KeapProductView) -> [String] {
        var mask = ["name", "sku", "price", "short_description", "active"]
        if nonBlank(product.description) != nil { mask.append("description") }
        return mask
    }
}

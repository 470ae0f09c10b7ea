import KeapClient
import LedgerStore

/// The part of `keap setup` that makes the three charge products (`ChargeProducts`) exist in Keap and records their
/// ids. Done always, whichever representation is in use: `keap doctor --probe` needs them to learn whether a tenant
/// that refuses typed items takes charges as products, and switching to that representation later then needs no
/// second setup. Rule 2 as everywhere: looked up by SKU before every create (the answer to an earlier create may
/// have been lost, or the shop made one by hand); a create whose outcome is unknown leaves its intent for the next run.
package struct KeapChargeProductSetup: Sendable {
    let database: LedgerDatabase
    let client: KeapClient

    package init(database: LedgerDatabase, client: KeapClient) {
        self.database = database
        self.client = client
    }

    /// Each charge product's SKU, in `KeapCustomFieldSetup.Report`'s three kinds.
    package func run() async throws(SyncFailure) -> KeapCustomFieldSetup.Report {
        var report = KeapCustomFieldSetup.Report()
        for (itemType, sku) in ChargeProducts.skus {
            let key = KeapRefKey(.product, sku)
            do {
                if try database.keapRef(key).keapID != nil {
                    report.alreadyRecorded.append(sku)
                    continue
                }
                let found = try await client.listProducts(filter: SyncContext.exactFilter(fieldName: "sku", value: sku)).filter { $0.sku == sku }
                if found.count > 1 {
                    throw SyncFailure.keapConflict("Keap has \(found.count) products with SKU \(sku) (ids \(found.map(\.id).joined(separator: ", "))); delete all but one in Keap, then run setup again")
                }
                if let product = found.first {
                    try database.recordKeapID(key, id: product.id, adopted: true)
                    report.adopted.append(sku)
                    continue
                }
                try database.recordCreateIntent(key)
                // Inactive and priced 0: the shop must not sell them; each order line carries its own price.
                let name = ChargeProducts.name(of: itemType)
                let created = try await client.createProduct(KeapProductRequest(
                    name: "\(name) (KeapLedger)", sku: sku, priceMinor: 0,
                    shortDescription: "\(name) of an order, written by KeapLedger as a product line", active: false))
                try database.recordKeapID(key, id: created.id, adopted: false)
                report.created.append(sku)
            } catch let error as SyncFailure {
                throw error
            } catch let error as KeapCallError {
                throw SyncFailure.keap(error)
            } catch let error as LedgerStoreError {
                throw SyncFailure.database(error)
            } catch {
                throw SyncFailure.internalError("setting up charge product \(sku): \(error)")
            }
        }
        return report
    }

    /// The charge products' Keap ids by item type; nil when setup has not recorded all three.
    static func recorded(_ database: LedgerDatabase) throws(LedgerStoreError) -> [String: String]? {
        var ids: [String: String] = [:]
        for (itemType, sku) in ChargeProducts.skus {
            guard let id = try database.keapRef(KeapRefKey(.product, sku)).keapID else { return nil }
            ids[itemType] = id
        }
        return ids
    }
}

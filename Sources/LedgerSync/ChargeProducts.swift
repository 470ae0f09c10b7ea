/// The three products the sync owns for writing shipping, tax and discount as PRODUCT items (a tenant that takes no
/// typed items, `SyncSettings.ChargeItems.product`). Recorded in `keap_ref` as products under these SKUs, which are
/// therefore reserved: a feed product with one of them would share its Keap product.
package enum ChargeProducts {
    /// Charge item type (SHIPPING, TAX, DISCOUNT) -> SKU.
    package static let skus: [(itemType: String, sku: String)] = [
        ("SHIPPING", "KEAPLEDGER-SHIPPING"), ("TAX", "KEAPLEDGER-TAX"), ("DISCOUNT", "KEAPLEDGER-DISCOUNT"),
    ]

    package static func sku(for itemType: String) -> String? {
        skus.first { $0.itemType == itemType }?.sku
    }

    /// `Shipping`, `Tax`, `Discount`: the name a charge item carries either way.
    static func name(of itemType: String) -> String {
        String(itemType.prefix(1)) + itemType.dropFirst().lowercased()
    }
}

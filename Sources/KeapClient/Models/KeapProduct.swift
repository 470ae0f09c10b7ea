import LedgerCore

/// The parts of a Keap product (`RestV2Product_Detail` / `RestV2Product_List`) the sync reads.
package struct KeapProduct: Sendable, Equatable {
    package let id: String
    package let name: String?
    package let sku: String?
    /// `price` as a `CurrencyValue` (minor units).
    package let price: KeapMoney?
    package let active: Bool?

    package init(id: String, name: String?, sku: String?, price: KeapMoney?, active: Bool?) {
        self.id = id
        self.name = name
        self.sku = sku
        self.price = price
        self.active = active
    }

    init(json object: JSONObject) throws(KeapDecodeError) {
        let context = "product"
        id = try object.requiredID("id", in: context)
        name = try object.optionalString("name", in: context)
        sku = try object.optionalString("sku", in: context)
        price = try object.optionalMoney("price", in: context)
        active = try object.optionalBool("active", in: context)
    }
}

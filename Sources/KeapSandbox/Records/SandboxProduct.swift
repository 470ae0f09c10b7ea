import LedgerCore

/// A product. `price` is integer minor units, as in `CreateProductRequest_Detail`.
package struct SandboxProduct: Sendable, Equatable {
    package let id: String
    package var name: String
    package var sku: String?
    package var price: Int64
    package var shortDescription: String
    package var description: String?
    package var active: Bool
    package var shippable: Bool
    package var taxable: Bool
    package var subscriptionOnly: Bool
    /// Other accepted members (weight, html, flags…), echoed back as written.
    package var extra: JSONObject
    package let createTime: String
    package var updateTime: String
}

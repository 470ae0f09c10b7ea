/// One order item. Money in minor units of the tenant currency; the text the client wrote is kept for assertions
/// (e.g. that a price was sent as `12.50`, not `12.5` or `12.499999999`).
package struct SandboxOrderItem: Sendable, Equatable {
    package let id: String
    /// Fixed at creation: Keap has no way to change it.
    package let itemType: String
    package var productID: String?
    package var name: String?
    package var description: String?
    package var notes: String?
    package var quantity: Int64
    package var pricePerUnit: Int64
    /// `price_per_unit` exactly as written, nil when it came from the product.
    package var pricePerUnitText: String?
    package var costPerUnit: Int64?
    package var subscriptionPlanID: String?
    package var subscriptionPlanDescription: String?

    /// DISCOUNT and its variants (DISCOUNT_PRODUCT, DISCOUNT_SHIPPING, …): the items that lower the total.
    package var isDiscount: Bool { itemType.hasPrefix("DISCOUNT") }

    /// This item's signed share of the order total under `sign`, nil when `quantity × price` does not fit.
    func contribution(sign: SandboxDiscountSign) -> Int64? {
        let (line, overflow) = quantity.multipliedReportingOverflow(by: pricePerUnit)
        guard !overflow, line != .min else { return nil }
        return isDiscount && sign == .positive ? -line : line
    }
}

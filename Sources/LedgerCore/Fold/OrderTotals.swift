/// An order's money, in minor units of its currency. Computed with overflow checks after every event.
package struct OrderTotals: Sendable, Equatable {
    /// Σ quantity × unit price over the current lines.
    package var subtotal: Int64 = 0
    package var shipping: Int64 = 0
    package var tax: Int64 = 0
    /// A positive amount that reduces the total.
    package var discount: Int64 = 0
    /// subtotal + shipping + tax − discount.
    package var total: Int64 = 0
    /// Σ captured payments.
    package var paid: Int64 = 0
    /// Σ refunds.
    package var refunded: Int64 = 0
    /// total − (paid − refunded): what the customer still owes (negative when overpaid).
    package var balanceDue: Int64 = 0

    package init() {}
}

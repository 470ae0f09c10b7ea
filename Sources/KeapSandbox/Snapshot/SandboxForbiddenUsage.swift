/// Uses of API features the sync must never touch (keap-sync.md): tests assert these stay 0.
package struct SandboxForbiddenUsage: Sendable, Equatable {
    /// Requests carrying a non-empty `promo_codes` or a subscription `promo_code` (Keap would apply discounts of its own).
    package var promoCodes = 0
    /// `POST /v2/orders/{id}:applyTax` calls (Keap would recompute our tax).
    package var applyTax = 0
    /// Payments or subscriptions with `payment_method_id` (would charge a stored card).
    package var paymentMethodID = 0
    /// Subscriptions created or updated with `auto_charge` true, or created without it (Keap's default is true):
    /// Keap would charge the contact on every bill date.
    package var autoCharge = 0

    package init() {}
}

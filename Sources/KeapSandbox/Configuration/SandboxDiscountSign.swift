/// How a DISCOUNT-like item's `price_per_unit` counts in the order total. Keap's real convention is unverified
/// (keap-sync.md: "DISCOUNT sign [verify]"), so the sandbox supports both and the client's total check catches a
/// mismatch between its setting and the tenant's.
package enum SandboxDiscountSign: String, Sendable {
    /// DISCOUNT prices are sent positive (`5.00`) and subtracted from the total; a negative price is refused (400).
    case positive
    /// DISCOUNT prices are sent negative (`-5.00`) and added as written (a positive one is added too, as sent).
    case negative
}

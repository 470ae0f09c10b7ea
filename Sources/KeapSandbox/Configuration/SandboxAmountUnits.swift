/// Units of a bare JSON number amount whose units the OpenAPI document leaves unclear (`InvoiceOrderPayment.amount`).
package enum SandboxAmountUnits: String, Sendable {
    /// Decimal major units with the currency's scale: `12.50`.
    case major
    /// Integer minor units: `1250`.
    case minor
}

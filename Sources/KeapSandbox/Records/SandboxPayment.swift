/// A manual payment recorded against an order.
package struct SandboxPayment: Sendable, Equatable {
    package let id: String
    package let amount: Int64
    /// `payment_amount` exactly as written.
    package let amountText: String
    package let methodType: String
    /// `notes` of the create request; the list returns it as `note` (singular).
    package let notes: String?
    package let paymentTime: String
    package let applyToCommissions: Bool
    package let externalSource: String?
    package let externalSourceValue: String?
    package let createTime: String
}

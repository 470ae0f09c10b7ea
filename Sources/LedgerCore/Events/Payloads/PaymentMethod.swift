/// How a payment was made (`payment.captured`).
package enum PaymentMethod: String, Sendable, Equatable, CaseIterable {
    case card
    case paypal
    case bank
    case cash
    case check
    case other
}

/// Which of a contact's addresses a view's address is: Keap's address `field` values (and the view's bytes).
package enum KeapAddressField: String, Sendable, CaseIterable {
    case billing = "BILLING"
    case shipping = "SHIPPING"
}

/// A customer: the fold of `customer/<customer_ref>`. Upserts merge: a field an upsert leaves out keeps its value
/// (a source that sends only the email must not wipe the name).
package struct CustomerState: Sendable, Equatable {
    package let customerRef: String
    package var email: String?
    package var firstName: String?
    package var lastName: String?
    package var phone: String?
    package var company: String?
    package var billingAddress: PostalAddress?
    package var shippingAddress: PostalAddress?
    package var progress = StreamProgress()

    package init(customerRef: String) {
        self.customerRef = customerRef
    }

    /// Known once any upsert arrived.
    package var isComplete: Bool { email != nil }

    package mutating func apply(_ event: LedgerEvent) {
        progress.record(event)
        guard case .customerUpserted(let upsert) = event.payload else { return }
        email = upsert.email
        firstName = upsert.firstName ?? firstName
        lastName = upsert.lastName ?? lastName
        phone = upsert.phone ?? phone
        company = upsert.company ?? company
        billingAddress = upsert.billingAddress ?? billingAddress
        shippingAddress = upsert.shippingAddress ?? shippingAddress
    }
}

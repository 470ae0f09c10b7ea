/// `customer.upserted`: what the source knows about a customer. Absent optional fields say nothing (they do not clear).
package struct CustomerUpserted: Sendable, Equatable {
    package var customerRef: String
    package var email: String
    package var firstName: String?
    package var lastName: String?
    package var phone: String?
    package var company: String?
    package var billingAddress: PostalAddress?
    package var shippingAddress: PostalAddress?

    package init(
        customerRef: String, email: String, firstName: String? = nil, lastName: String? = nil, phone: String? = nil,
        company: String? = nil, billingAddress: PostalAddress? = nil, shippingAddress: PostalAddress? = nil
    ) {
        self.customerRef = customerRef
        self.email = email
        self.firstName = firstName
        self.lastName = lastName
        self.phone = phone
        self.company = company
        self.billingAddress = billingAddress
        self.shippingAddress = shippingAddress
    }
}

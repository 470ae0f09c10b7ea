/// What Keap should show for one customer: a contact with its email, names, phone, company and addresses.
package struct KeapCustomerView: Sendable, Equatable {
    package let customerRef: String
    package let email: String?
    package let givenName: String?
    package let familyName: String?
    package let phone: String?
    package let company: String?
    /// BILLING then SHIPPING, as the customer has them.
    package let addresses: [KeapAddressView]

    package init(
        customerRef: String, email: String?, givenName: String?, familyName: String?, phone: String?, company: String?,
        addresses: [KeapAddressView]
    ) {
        self.customerRef = customerRef
        self.email = email
        self.givenName = givenName
        self.familyName = familyName
        self.phone = phone
        self.company = company
        self.addresses = addresses
    }

    package init(_ customer: CustomerState) {
        var addresses: [KeapAddressView] = []
        if let billing = customer.billingAddress { addresses.append(KeapAddressView(field: .billing, billing)) }
        if let shipping = customer.shippingAddress { addresses.append(KeapAddressView(field: .shipping, shipping)) }
        self.init(customerRef: customer.customerRef, email: customer.email, givenName: customer.firstName, familyName: customer.lastName,
                  phone: customer.phone, company: customer.company, addresses: addresses)
    }

    /// Keap's contacts are keyed by email: a customer without one cannot be sent yet.
    package var isReady: Bool { email != nil }
}

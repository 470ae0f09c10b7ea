/// A customer's details, derived from the seed and the customer number alone.
///
/// Nothing per customer is stored: any customer can be re-derived at any time, so the feed can
/// re-upsert or ship to old customers with memory that does not grow with the feed.
struct CustomerProfile: Sendable {
    /// The number in `C-<number>`.
    let number: Int
    /// Index into `SampleVocabulary.firstNames` / `lastNames`, or -1 for an e-mail-only customer.
    let firstName: Int
    let lastName: Int
    let emailDomain: Int
    /// Eight digits after the country prefix, or -1 for none.
    let phone: Int
    /// Index into `SampleVocabulary.companies`, or -1.
    let company: Int
    let billingAddress: PostalAddress?
    let shippingAddress: PostalAddress?

    /// Derives revision 0 of customer `number`; a later `revision` keeps the identity (names, e-mail)
    /// but may change the phone, company and shipping address, as a customer editing a profile does.
    init(seed: UInt64, number: Int, revision: Int = 0) {
        var rng = Xoshiro256StarStar(seed: Xoshiro256StarStar.hash(seed, UInt64(number)))
        self.number = number
        let named = rng.percent(90)
        firstName = named ? rng.below(SampleVocabulary.firstNames.count) : -1
        lastName = named ? rng.below(SampleVocabulary.lastNames.count) : -1
        emailDomain = rng.below(SampleVocabulary.emailDomains.count)
        var phone = rng.percent(60) ? rng.inRange(10_000_000...99_999_999) : -1
        var company = rng.percent(12) ? rng.below(SampleVocabulary.companies.count) : -1
        let billing = PostalAddress(rng: &rng)
        var shipping = PostalAddress(rng: &rng)
        let hasBilling = rng.percent(50)
        var hasShipping = rng.percent(45)
        if revision > 0 {
            // Every revision changes something (phone, company or shipping address), sometimes two things.
            var change = Xoshiro256StarStar(seed: Xoshiro256StarStar.hash(rng.next(), UInt64(revision)))
            let first = change.below(3)
            let second = change.percent(30) ? change.below(3) : first
            if first == 0 || second == 0 { phone = phone == -1 ? change.inRange(10_000_000...99_999_999) : (phone + 1 + change.below(9_999)) % 90_000_000 + 10_000_000 }
            if first == 1 || second == 1 { company = (company + 1 + change.below(SampleVocabulary.companies.count - 1)) % SampleVocabulary.companies.count }
            if first == 2 || second == 2 {
                shipping = PostalAddress(rng: &change)
                shipping = PostalAddress(place: shipping.place, houseNumber: shipping.houseNumber % 240 + 241, apartment: shipping.apartment)
                hasShipping = true
            }
        }
        self.phone = phone
        self.company = company
        billingAddress = hasBilling ? billing : nil
        shippingAddress = hasShipping ? shipping : nil
    }

    /// Where this customer's orders ship to, when the order carries an address.
    var deliveryAddress: PostalAddress? {
        shippingAddress ?? billingAddress
    }

    /// Writes the `customer.upserted` data fields.
    func write(to writer: inout JSONLineWriter) {
        writer.key("customer_ref")
        writer.ref("C-", number)
        writer.key("email")
        writer.append(UInt8(ascii: "\""))
        if firstName >= 0 {
            writer.append(SampleVocabulary.firstNames[firstName].ascii)
            writer.append(UInt8(ascii: "."))
            writer.append(SampleVocabulary.lastNames[lastName].ascii)
        } else {
            writer.raw("customer")
        }
        writer.appendDecimal(UInt64(number), minimumWidth: 1)
        writer.append(UInt8(ascii: "@"))
        writer.append(SampleVocabulary.emailDomains[emailDomain])
        writer.append(UInt8(ascii: "\""))
        if firstName >= 0 {
            writer.key("first_name")
            writer.string(SampleVocabulary.firstNames[firstName].display)
            writer.key("last_name")
            writer.string(SampleVocabulary.lastNames[lastName].display)
        }
        let country = (billingAddress ?? shippingAddress)?.details.phonePrefix ?? "+1"
        if phone >= 0 {
            writer.key("phone")
            writer.append(UInt8(ascii: "\""))
            writer.raw(country)
            writer.raw(" 55 ")
            writer.appendDecimal(UInt64(phone / 10_000), minimumWidth: 4)
            writer.append(UInt8(ascii: " "))
            writer.appendDecimal(UInt64(phone % 10_000), minimumWidth: 4)
            writer.append(UInt8(ascii: "\""))
        }
        if company >= 0 {
            writer.key("company")
            writer.string(SampleVocabulary.companies[company])
        }
        if let billingAddress {
            writer.key("billing_address")
            billingAddress.write(to: &writer)
        }
        if let shippingAddress {
            writer.key("shipping_address")
            shippingAddress.write(to: &writer)
        }
    }
}

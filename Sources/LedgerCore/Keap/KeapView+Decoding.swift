extension KeapView {
    /// Reads view bytes this program wrote (an outbox's `confirmed_json`) back into the typed view of a `kind`
    /// stream. Strict: a member missing, of another type, or a value the writer would not have written (money in
    /// another scale, an unknown currency or status) is an error naming it; only ready views are ever confirmed, so an
    /// unplaced order does not read either.
    package init(decoding bytes: [UInt8], kind: StreamKind) throws(KeapViewDecodingError) {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw KeapViewDecodingError(member: "(view)", expected: "JSON", found: "bytes that do not parse: \(error)")
        }
        let view = try KeapViewReader(value, path: "")
        let found = try view.string("kind")
        guard found == kind.rawValue else { throw view.mismatch("kind", "\"\(kind.rawValue)\"", .string(found)) }
        switch kind {
        case .order: self = .order(try KeapOrderView(reading: view))
        case .customer: self = .customer(try KeapCustomerView(reading: view))
        case .product: self = .product(try KeapProductView(reading: view))
        case .subscription: self = .subscription(try KeapSubscriptionView(reading: view))
        }
    }
}

/// One object the flush maps to Keap (spec/keap-sync.md rule 1): which kind, owned by what, under which ref.
package struct KeapRefKey: Sendable, Hashable, CustomStringConvertible {
    package enum Kind: String, Sendable {
        case contact, product, order
        case orderItem = "order_item"
        case payment
        case customField = "custom_field"
        case subscription
        /// Owned by the product's SKU; the ref is the plan key `<cycle_type>/<frequency>/<price in minor units>`.
        case subscriptionPlan = "subscription_plan"
    }

    package let kind: Kind
    /// The order ref for items and payments, the record type for custom fields, the SKU for subscription plans, empty
    /// otherwise.
    package let owner: String
    package let ref: String

    package init(_ kind: Kind, owner: String = "", _ ref: String) {
        self.kind = kind
        self.owner = owner
        self.ref = ref
    }

    package var description: String {
        owner.isEmpty ? "\(kind.rawValue) \(ref)" : "\(kind.rawValue) \(ref) of \(owner)"
    }
}

/// The small durable facts of the sync kept in `sync_state` (migration 0006).
package enum SyncStateKey: String, Sendable {
    /// Present while the ledger's record of Keap ids may be older than Keap: every create looks up first. Value: why.
    case lookupFirst = "lookup_first"
    /// The highest Keap order id the flush's probe for newer orders has examined.
    case orderProbeMark = "order_probe_mark"
    /// When a reconcile last ran (UTC text).
    case lastReconcileAt = "last_reconcile_at"
    /// Whether Keap's order lists carried each order's custom fields the last time every order was listed (`yes` |
    /// `no`): when they do, a listing (1,000 orders a call) can replace a sample's one lookup per order.
    case orderListsShowCustomFields = "keap_order_lists_show_custom_fields"
    /// What `keap doctor --probe` learnt: how this Keap takes shipping, tax and discount (`typed` | `product`).
    case chargeItems = "keap_charge_items"
    /// What `keap doctor --probe` learnt: whether Keap subtracts a positive DISCOUNT (`positive`) or sums signed prices
    /// (`negative`).
    case discountSign = "keap_discount_sign"
}

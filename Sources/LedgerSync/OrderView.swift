import LedgerCore

/// The Keap view of one order (what `KeapView` builds), typed for planning calls.
struct OrderView {
    struct Item: Equatable {
        /// `line:<line ref>` or `charge:<TYPE>`: unique within the order.
        let key: String
        let itemType: String
        let sku: String?
        let description: String?
        let quantity: Int64
        /// Decimal text in the order currency's scale.
        let pricePerUnit: String

        /// The line ref for PRODUCT items (sent in the item's `notes` so Keap's item ids can be mapped back).
        var lineRef: String? {
            key.hasPrefix("line:") ? String(key.dropFirst(5)) : nil
        }
    }

    struct Payment: Equatable {
        let paymentRef: String
        let amount: String
        let method: String?
        let paymentTime: String
    }

    struct Refund: Equatable {
        let refundRef: String
        let paymentRef: String
        let amount: String
        let refundedAt: String
    }

    let orderRef: String
    let customerRef: String?
    let orderTitle: String
    let orderType: String
    let orderTime: String?
    let currency: String
    let items: [Item]
    let totalMinor: Int64
    let total: String
    /// Custom-field label -> value, in the view's order.
    let customFields: [(key: String, value: String?)]
    let payments: [Payment]
    let refunds: [Refund]

    init(_ value: JSONValue) {
        let view = ViewReader(value)
        orderRef = view.string("order_ref") ?? ""
        customerRef = view.string("customer_ref")
        orderTitle = view.string("order_title") ?? orderRef
        orderType = view.string("order_type") ?? "ONLINE"
        orderTime = view.string("order_time")
        currency = view.string("currency") ?? ""
        items = view.array("items").map { item in
            Item(key: item.string("key") ?? "", itemType: item.string("item_type") ?? "", sku: item.string("sku"),
                 description: item.string("description"), quantity: item.integer("quantity") ?? 0,
                 pricePerUnit: item.numberText("price_per_unit") ?? "0")
        }
        totalMinor = view.integer("total_minor") ?? 0
        total = view.string("total") ?? ""
        customFields = view.textMembers("custom_fields")
        payments = view.array("payments").map { payment in
            Payment(paymentRef: payment.string("payment_ref") ?? "", amount: payment.numberText("payment_amount") ?? "0",
                    method: payment.string("method"), paymentTime: payment.string("payment_time") ?? "")
        }
        refunds = view.array("refunds").map { refund in
            Refund(refundRef: refund.string("refund_ref") ?? "", paymentRef: refund.string("payment_ref") ?? "",
                   amount: refund.numberText("amount") ?? "0", refundedAt: refund.string("refunded_at") ?? "")
        }
    }
}
